package co.plugkit.container;

import static co.plugkit.testing.EmbeddedContainer.hostApp;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.ApiClient;
import co.plugkit.testing.EmbeddedContainer;
import co.plugkit.testing.EmbeddedTomcat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The container contract in embedded Tomcat 11, plus a database from the container by JNDI. */
class EmbeddedTomcatTest extends EmbeddedContainerContract {
    @Override
    EmbeddedContainer newContainer() {
        return new EmbeddedTomcat();
    }

    @Test
    void initializerUsesTheContainersDataSourceNamedByJndi() {
        ((EmbeddedTomcat) container)
                .addResourceForNextWebapp(
                        "jdbc/plugkit",
                        "org.h2.jdbcx.JdbcDataSource",
                        Map.of(
                                "factory", "org.h2.jdbcx.JdbcDataSourceFactory",
                                "url", "jdbc:h2:mem:plugkit-jndi-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                                "user", "sa",
                                "password", "",
                                "description", "PlugKit's database",
                                "loginTimeout", "0"));
        Map<String, String> params = contextParams("/crm");
        params.remove("plugkit.db.url");
        params.remove("plugkit.db.user");
        params.put("plugkit.db.jndi", "java:comp/env/jdbc/plugkit");
        container.addWebapp("/crm", params, List.of(hostApp(), initializer()));
        container.start();

        ApiClient client = client("/crm");
        String profileId = client.createProfile("Jane");
        assertThat(client.connectThroughBrowser(profileId, Optional.empty()).body())
                .contains("@acme is connected");
        assertThat(client.get("/v1/accounts").json().get("data")).hasSize(1);
        assertThat(threadsNamed("plugkit-crm"))
                .as("no pool of PlugKit's own with JNDI")
                .isEmpty();
    }

    @Test
    void stoppingAWebappAfterAConnectLeavesNothingForTomcatsLeakDetection() {
        container.addWebapp("/crm", contextParams("/crm"), List.of(hostApp(), initializer()));
        container.start();
        ApiClient client = client("/crm");
        assertThat(client.connectThroughBrowser(client.createProfile("Jane"), Optional.empty())
                        .status())
                .isEqualTo(200);

        container.stopWebapp("/crm");

        assertThat(((EmbeddedTomcat) container).leakWarnings()).isEmpty();
    }
}
