package co.plugkit.tomcat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An Eclipse Jetty 12 distribution (jetty-home) run as a separate process with {@code java -jar
 * $JETTY_HOME/start.jar} on its own {@code jetty.base}, made with start.jar's {@code --add-modules} as a
 * WAR user would: {@link #MODULES}, and the deployment scanner looking at {@code webapps/} every second.
 * The distribution folder stays untouched.
 */
final class JettyProcess extends ContainerProcess {
    /** What a WAR needs: HTTP, hot deployment of ee10 webapps, and ServletContainerInitializer discovery. */
    static final List<String> MODULES = List.of("http", "ee10-deploy", "ee10-annotations");

    private final Path home;

    private JettyProcess(Path home, Path base, int port) {
        super(base, port);
        this.home = home;
    }

    /** Makes a {@code jetty.base} under {@code work} for the distribution at {@code home}. */
    static JettyProcess prepare(Path home, Path work) throws IOException, InterruptedException {
        int port = freePort();
        Path base = Files.createDirectories(work.resolve(home.getFileName() + "-" + port));
        Files.createDirectories(base.resolve("temp"));
        Process addModules = new ProcessBuilder(
                        java(),
                        "-jar",
                        home.resolve("start.jar").toString(),
                        "--add-modules=" + String.join(",", MODULES))
                .directory(base.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(addModules.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!addModules.waitFor(60, TimeUnit.SECONDS) || addModules.exitValue() != 0) {
            throw new IllegalStateException("start.jar --add-modules failed:\n" + out);
        }
        Files.writeString(
                base.resolve("start.d/deployment-scanner.ini"),
                "\njetty.deploy.scanInterval=1\n",
                StandardOpenOption.APPEND);
        return new JettyProcess(home, base, port);
    }

    /**
     * Copies {@code war} to {@code wars/name.war}, outside the scanned folder, then deploys it by writing
     * its context XML {@code webapps/name.xml}, which points at it: one file says whether it is deployed.
     */
    @Override
    void deploy(String name, Path war, String contextXml) throws IOException {
        Path wars = Files.createDirectories(base().resolve("wars"));
        Files.copy(war, wars.resolve(name + ".war"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(base().resolve("webapps/" + name + ".xml"), contextXml);
    }

    /**
     * Removes the context XML: the scanner undeploys the webapp within a second or two. One file, so no
     * scan can see a half-removed deployment (with a WAR and an XML in {@code webapps/}, a scan between
     * the two deletions would redeploy the webapp from what is left).
     */
    @Override
    void undeploy(String name) throws IOException {
        Files.deleteIfExists(base().resolve("webapps/" + name + ".xml"));
    }

    /**
     * Runs {@code java -jar $JETTY_HOME/start.jar jetty.http.port=… jetty.http.host=127.0.0.1} in the
     * {@code jetty.base}, with {@code environment} added to this process's own; start.jar runs Jetty in
     * its own JVM (no forking). Webapps are unpacked into {@code jetty.base/temp}.
     */
    void start(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        java(),
                        "-Djava.io.tmpdir=" + temp(),
                        "-jar",
                        home.resolve("start.jar").toString(),
                        "jetty.http.port=" + port(),
                        "jetty.http.host=127.0.0.1")
                .directory(base().toFile());
        builder.environment().putAll(environment);
        launch(builder);
    }

    /** Where Jetty unpacks the webapps ({@code java.io.tmpdir}); it deletes a webapp's folder when it stops it. */
    Path temp() {
        return base().resolve("temp");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
