package co.plugkit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of PlugKit's threads: Jetty's request threads of the PlugKit server ({@code plugkit-http-…})
 * and PlugKit's own ({@code plugkit-…}). The stand-in's ({@code standin-…}) and the load generator's
 * threads are not counted, nor are the JVM's (GC, JIT) or the database server's process.
 */
final class Cpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Cpu() {}

    static long plugKitNanos() {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("plugkit")) {
                long cpu = THREADS.getThreadCpuTime(t.getId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
