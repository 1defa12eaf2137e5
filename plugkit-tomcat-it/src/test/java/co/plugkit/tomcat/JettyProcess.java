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
 * An Eclipse Jetty distribution (jetty-home, 12 or 10) run as a separate process with {@code java -jar
 * $JETTY_HOME/start.jar} on its own {@code jetty.base}, made with start.jar's {@code --add-modules} as a
 * WAR user would: the {@link Line}'s modules, and the deployment scanner looking at {@code webapps/}
 * every second. The distribution folder stays untouched.
 */
final class JettyProcess extends ContainerProcess {
    /**
     * A Jetty line and what a WAR needs in it: HTTP, hot deployment of webapps, and ServletContainerInitializer
     * discovery (the modules), the ini file of the deployment scanner, and the webapp class a context XML
     * configures.
     */
    enum Line {
        /** Jetty 12 with the Jakarta EE 10 environment: plugkit-servlet. */
        JETTY_12_EE10(
                List.of("http", "ee10-deploy", "ee10-annotations"),
                "deployment-scanner.ini",
                "org.eclipse.jetty.ee10.webapp.WebAppContext"),
        /** Jetty 10, Servlet 4.0 (javax.servlet): plugkit-servlet-javax. */
        JETTY_10(List.of("http", "deploy", "annotations"), "deploy.ini", "org.eclipse.jetty.webapp.WebAppContext");

        final List<String> modules;
        final String scannerIni;
        final String webAppContext;

        Line(List<String> modules, String scannerIni, String webAppContext) {
            this.modules = modules;
            this.scannerIni = scannerIni;
            this.webAppContext = webAppContext;
        }
    }

    private final Path home;
    private final Line line;

    private JettyProcess(Path home, Line line, Path base, int port) {
        super(base, port);
        this.home = home;
        this.line = line;
    }

    Line line() {
        return line;
    }

    /** Makes a {@code jetty.base} under {@code work} for the distribution of {@code line} at {@code home}. */
    static JettyProcess prepare(Path home, Line line, Path work) throws IOException, InterruptedException {
        int port = freePort();
        Path base = Files.createDirectories(work.resolve(home.getFileName() + "-" + port));
        Files.createDirectories(base.resolve("temp"));
        Process addModules = new ProcessBuilder(
                        java(),
                        "-jar",
                        home.resolve("start.jar").toString(),
                        "--add-modules=" + String.join(",", line.modules))
                .directory(base.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(addModules.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!addModules.waitFor(60, TimeUnit.SECONDS) || addModules.exitValue() != 0) {
            throw new IllegalStateException("start.jar --add-modules failed:\n" + out);
        }
        Files.writeString(
                base.resolve("start.d").resolve(line.scannerIni),
                "\njetty.deploy.scanInterval=1\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return new JettyProcess(home, line, base, port);
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
