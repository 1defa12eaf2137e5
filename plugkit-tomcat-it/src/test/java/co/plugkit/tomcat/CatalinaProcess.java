package co.plugkit.tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An Apache Tomcat distribution run as a separate process with {@code catalina.sh run}, on its own
 * CATALINA_BASE (the distribution's conf/, a loopback HTTP port, no shutdown port, empty webapps/), so
 * the distribution folder stays untouched.
 */
final class CatalinaProcess extends ContainerProcess {
    private CatalinaProcess(Path base, int port) {
        super(base, port);
    }

    /** Prepares a CATALINA_BASE under {@code work} for the distribution at {@code home}. */
    static CatalinaProcess prepare(Path home, Path work) throws IOException {
        int port = freePort();
        Path base = Files.createDirectories(work.resolve(home.getFileName() + "-" + port));
        for (String dir : List.of("conf", "lib", "logs", "temp", "webapps", "work", "conf/Catalina/localhost")) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path file : conf.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path serverXml = base.resolve("conf/server.xml");
        String server = Files.readString(serverXml)
                .replace("<Server port=\"8005\"", "<Server port=\"-1\"")
                .replace("<Connector port=\"8080\"", "<Connector port=\"" + port + "\" address=\"127.0.0.1\"");
        Files.writeString(serverXml, server);
        return new CatalinaProcess(base, port);
    }

    /** Puts a jar on Tomcat's common class path ({@code $CATALINA_BASE/lib}). */
    void addLibrary(Path jar) throws IOException {
        Files.copy(jar, base().resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deploys {@code war} as {@code /name} with the context descriptor {@code conf/Catalina/localhost/name.xml}. */
    @Override
    void deploy(String name, Path war, String contextDescriptor) throws IOException {
        Files.writeString(base().resolve("conf/Catalina/localhost/" + name + ".xml"), contextDescriptor);
        Files.copy(war, base().resolve("webapps/" + name + ".war"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes the WAR; Tomcat's auto-deployer then undeploys the webapp within about ten seconds. */
    @Override
    void undeploy(String name) throws IOException {
        Files.deleteIfExists(base().resolve("webapps/" + name + ".war"));
    }

    /** Runs {@code catalina.sh run} (which execs java) with {@code environment} added to this process's own. */
    void start(Path home, Map<String, String> environment) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run");
        builder.environment().putAll(environment);
        builder.environment().put("CATALINA_HOME", home.toString());
        builder.environment().put("CATALINA_BASE", base().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("CATALINA_OPTS");
        launch(builder);
    }
}
