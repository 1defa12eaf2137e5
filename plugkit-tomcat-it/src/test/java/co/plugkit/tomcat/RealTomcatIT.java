package co.plugkit.tomcat;

import static co.plugkit.tomcat.LegacyWarChecks.configuration;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.tomcat.LegacyWarChecks.War;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An example legacy WAR deployed twice into a real Apache Tomcat (the distributions from Maven Central)
 * started with {@code catalina.sh run}: docs/examples/legacy-war (plugkit-servlet) into Tomcat 10.1 and
 * 11, docs/examples/legacy-war-javax (plugkit-servlet-javax, SLF4J 1.7 + Logback 1.2) into Tomcat 9; as /shop on a pool
 * PlugKit opens from {@code plugkit.db.url}, and as /crm on a Tomcat-managed DataSource by JNDI. The
 * secrets come from the environment, the per-deployment settings from context descriptors. The checks
 * are {@link LegacyWarChecks#checkBothThenUndeployShop}, plus Tomcat's own leak detection, and for the
 * javax WAR, PlugKit's startup line in the webapp's own Logback output.
 */
class RealTomcatIT {
    static Stream<Arguments> tomcats() {
        return Stream.concat(
                LegacyWarChecks.distributions("plugkit.it.tomcats").map(home -> Arguments.of(home, War.JAKARTA)),
                LegacyWarChecks.distributions("plugkit.it.javax.tomcats").map(home -> Arguments.of(home, War.JAVAX)));
    }

    @ParameterizedTest(name = "{0} with the {1} WAR")
    @MethodSource("tomcats")
    void theLegacyWarGainsPlugKitAndLosesItCleanlyOnUndeploy(Path home, War which) throws Exception {
        Path work = Path.of(System.getProperty("plugkit.it.work"));
        Path war = which.path();
        MutableClock clock = MutableClock.startingNow();
        try (FakeInstagram instagram = new FakeInstagram(clock)) {
            CatalinaProcess tomcat = CatalinaProcess.prepare(home, work);
            try (tomcat) {
                tomcat.addLibrary(Path.of(System.getProperty("plugkit.it.h2")));
                Path data = tomcat.base().resolve("data");
                tomcat.deploy("shop", war, descriptor("shop", tomcat, instagram, """
                          <Parameter name="plugkit.db.url" value="jdbc:h2:file:%s/shop" override="false"/>
                          <Parameter name="plugkit.db.user" value="sa" override="false"/>
                        """.formatted(data)));
                tomcat.deploy("crm", war, descriptor("crm", tomcat, instagram, """
                          <Resource name="jdbc/plugkit" auth="Container" type="javax.sql.DataSource"
                                    driverClassName="org.h2.Driver" url="jdbc:h2:file:%s/crm;DB_CLOSE_ON_EXIT=FALSE"
                                    username="sa" password="" maxTotal="4"/>
                          <Parameter name="plugkit.db.jndi" value="java:comp/env/jdbc/plugkit" override="false"/>
                        """.formatted(data)));
                tomcat.start(home, LegacyWarChecks.secrets());
                if (which == War.JAVAX) {
                    assertThat(ContainerProcess.await(
                                    LegacyWarChecks.DEPLOY_TIMEOUT,
                                    () -> tomcat.logText().contains("PlugKit mounted at '/shop/plugkit/'")
                                            && tomcat.logText().contains("PlugKit mounted at '/crm/plugkit/'")))
                            .as("PlugKit's startup lines; console:%n%s", tomcat.logText())
                            .isTrue();
                    LegacyWarChecks.checkStartupLineInHostLogback(tomcat, "shop");
                    LegacyWarChecks.checkStartupLineInHostLogback(tomcat, "crm");
                }

                LegacyWarChecks.checkBothThenUndeployShop(tomcat);

                assertThat(tomcat.logText()
                                .lines()
                                .filter(l -> l.contains("memory leak") || l.contains("failed to stop")))
                        .as("Tomcat's leak detection")
                        .isEmpty();
                if (which == War.JAVAX) {
                    assertThat(LegacyWarChecks.warnings(tomcat).stream()
                                    .filter(l -> l.contains(LegacyWarChecks.LEGACY_LOGBACK)))
                            .as("PlugKit's warnings through the webapp's Logback")
                            .isEmpty();
                }
            } finally {
                System.out.println("---- " + home.getFileName() + " console ----\n" + tomcat.logText());
            }
            assertThat(tomcat.isAlive()).isFalse();
        }
    }

    private static String descriptor(String app, CatalinaProcess tomcat, FakeInstagram instagram, String database) {
        return configuration("/context-descriptor.xml", app, tomcat, instagram, database);
    }
}
