package co.plugkit.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code startup}: the demo jar started cold ({@code java -jar}, sandbox mode, an empty data folder, H2) until
 * {@code /v1/health} answers 200, then its heap after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}),
 * and the jar sizes. The baseline is the constant-JSON servlet alone in Jetty 12, started the same way from
 * this module's jar with the same JVM and flags.
 */
final class StartupBench {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private StartupBench() {}

    static void run(Args args) throws Exception {
        int runs = args.integer("runs", 3);
        Path demoJar = Path.of(args.text("demo-jar", "plugkit-jetty-demo/target/plugkit-jetty-demo.jar"))
                .toAbsolutePath();
        Path benchJar = Path.of(StartupBench.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Results results = new Results("startup", "plugkit-bench/run.sh startup --runs=" + runs);
        double[] demo = median(runs, port -> List.of("-jar", demoJar.toString()));
        double[] bare = median(
                runs,
                port -> List.of(
                        "-cp", benchJar.toString(), BenchMain.class.getName(), "bare-server", "--port=" + port));
        results.add(
                "demo cold start to healthy",
                demo[0],
                "s",
                "bare Jetty + constant servlet",
                bare[0],
                false,
                "≤ 2 s",
                demo[0] <= 2.0);
        results.add(
                "demo idle heap after GC",
                demo[1],
                "MB",
                "bare Jetty + constant servlet",
                bare[1],
                false,
                "≤ 64 MB",
                demo[1] <= 64);
        for (String jar : List.of(moduleJar("plugkit-servlet"), moduleJar("plugkit-sandbox"), demoJar.toString())) {
            File f = new File(jar);
            if (f.isFile()) {
                results.add(
                        "jar size " + f.getName(),
                        f.length() / 1024.0,
                        "KiB",
                        "demo jar",
                        demoJar.toFile().length() / 1024.0,
                        false);
            }
        }
        results.save();
    }

    /**
     * The module's own jar in its target folder, whatever the project's version (a fixed name went stale at
     * the 0.2.0 release and the rows vanished): not the sources, javadoc or test jars.
     */
    private static String moduleJar(String module) {
        File[] jars = new File(module, "target")
                .listFiles((dir, name) -> name.startsWith(module + "-")
                        && name.endsWith(".jar")
                        && !name.endsWith("-sources.jar")
                        && !name.endsWith("-javadoc.jar")
                        && !name.endsWith("-tests.jar"));
        return jars == null || jars.length == 0 ? module + "/target/" + module + ".jar" : jars[0].getPath();
    }

    interface Command {
        List<String> args(int port);
    }

    /** The median over {@code runs} cold starts of seconds to healthy and MB of heap used after a full GC. */
    private static double[] median(int runs, Command command) throws Exception {
        double[] seconds = new double[runs];
        double[] heap = new double[runs];
        for (int r = 0; r < runs; r++) {
            double[] one = once(command);
            seconds[r] = one[0];
            heap[r] = one[1];
        }
        Arrays.sort(seconds);
        Arrays.sort(heap);
        return new double[] {seconds[runs / 2], heap[runs / 2]};
    }

    private static double[] once(Command command) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("plugkit-startup");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(command.args(port));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PLUGKIT_"));
        env.put("PLUGKIT_PORT", Integer.toString(port));
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            URI health = URI.create("http://127.0.0.1:" + port + "/v1/health");
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("exited early:\n" + Files.readString(dir.resolve("out.log")));
                }
                try {
                    HttpResponse<Void> r =
                            Load.CLIENT.send(Load.get(health, null), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() - start > 120_000_000_000L) {
                    throw new IllegalStateException("not healthy after 2 minutes");
                }
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(2000);
            jcmd(p.pid(), "GC.run");
            Matcher m = USED.matcher(jcmd(p.pid(), "GC.heap_info"));
            double heapMb = m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
            return new double[] {seconds, heapMb};
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static String jcmd(long pid, String what) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), what)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
