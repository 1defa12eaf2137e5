package co.plugkit.tomcat;

import static co.plugkit.tomcat.ContainerProcess.await;
import static co.plugkit.tomcat.LegacyWarChecks.configuration;
import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.FakeInstagram;
import co.plugkit.testing.MutableClock;
import co.plugkit.tomcat.JettyProcess.Line;
import co.plugkit.tomcat.LegacyWarChecks.War;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An example legacy WAR deployed twice, as /shop and /crm, into a real Eclipse Jetty distribution
 * (jetty-home from Maven Central) started with {@code java -jar start.jar} on a {@code jetty.base} with
 * the modules of its {@link JettyProcess.Line}: docs/examples/legacy-war (plugkit-servlet) into Jetty 12
 * (ee10), docs/examples/legacy-war-javax (plugkit-servlet-javax) into Jetty 10. PlugKit's initializer is
 * found the way a real deployment finds it (the annotations module, ServiceLoader). The
 * secrets come from the environment, the per-deployment settings from context XMLs next to the WARs.
 * The checks are {@link LegacyWarChecks#checkBothThenUndeployShop}, plus: Jetty removed the undeployed
 * webapp's unpacked folder and logged no warning.
 */
class RealJettyIT {
    static Stream<Arguments> jettys() {
        return Stream.concat(
                LegacyWarChecks.distributions("plugkit.it.jetty")
                        .map(home -> Arguments.of(home, Line.JETTY_12_EE10, War.JAKARTA)),
                LegacyWarChecks.distributions("plugkit.it.javax.jetty")
                        .map(home -> Arguments.of(home, Line.JETTY_10, War.JAVAX)));
    }

    @ParameterizedTest(name = "{0} with the {2} WAR")
    @MethodSource("jettys")
    void theLegacyWarGainsPlugKitAndLosesItCleanlyOnUndeploy(Path home, Line line, War which) throws Exception {
        Path work = Path.of(System.getProperty("plugkit.it.work"));
        Path war = which.path();
        MutableClock clock = MutableClock.startingNow();
        try (FakeInstagram instagram = new FakeInstagram(clock)) {
            JettyProcess jetty = JettyProcess.prepare(home, line, work);
            try (jetty) {
                Path data = jetty.base().resolve("data");
                for (String app : new String[] {"shop", "crm"}) {
                    jetty.deploy(app, war, contextXml(app, jetty, instagram, """
                              <Call name="setInitParameter"><Arg>plugkit.db.url</Arg><Arg>jdbc:h2:file:%s/%s</Arg></Call>
                              <Call name="setInitParameter"><Arg>plugkit.db.user</Arg><Arg>sa</Arg></Call>
                            """.formatted(data, app)));
                }
                jetty.start(LegacyWarChecks.secrets());
                assertThat(await(LegacyWarChecks.DEPLOY_TIMEOUT, () -> unpacked(jetty, "shop")))
                        .as("/shop unpacked; console:%n%s", jetty.logText())
                        .isTrue();

                LegacyWarChecks.checkBothThenUndeployShop(jetty);

                assertThat(await(LegacyWarChecks.DEPLOY_TIMEOUT, () -> !unpacked(jetty, "shop")))
                        .as("/shop's unpacked folder removed")
                        .isTrue();
                assertThat(unpacked(jetty, "crm")).isTrue();
                assertThat(LegacyWarChecks.warnings(jetty))
                        .as("Jetty's and PlugKit's warnings")
                        .isEmpty();
            } finally {
                System.out.println("---- " + home.getFileName() + " console ----\n" + jetty.logText());
            }
            assertThat(jetty.isAlive()).isFalse();
        }
    }

    private static String contextXml(String app, JettyProcess jetty, FakeInstagram instagram, String database) {
        return configuration("/jetty-context.xml", app, jetty, instagram, database)
                .replace("${webAppContext}", jetty.line().webAppContext);
    }

    /** Whether Jetty has the webapp {@code app}'s WAR unpacked (jetty-…-{app}_war-… in its temp folder). */
    private static boolean unpacked(JettyProcess jetty, String app) {
        try (Stream<Path> dirs = Files.list(jetty.temp())) {
            return dirs.anyMatch(d -> d.getFileName().toString().contains("-" + app + "_war-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
