package co.plugkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * {@code report}: the kept figures as a Markdown table between the result markers of docs/performance.md,
 * and as docs/images/performance.png: each figure's cost relative to its same-run baseline (1 = as cheap as
 * the baseline), as log10 (XChart's log axis refuses bar charts).
 */
final class Report {
    private static final String START = "<!-- bench-results:start (written by plugkit-bench report) -->";
    private static final String END = "<!-- bench-results:end -->";

    private Report() {}

    static void run(Args args) throws Exception {
        Path doc = Path.of(args.text("doc", "docs/performance.md"));
        Path png = Path.of(args.text("plot", "docs/images/performance.png"));
        List<Result> all = Results.readAll();
        StringBuilder md = new StringBuilder(START).append("\n\n");
        md.append(machine()).append('\n');
        md.append("| benchmark | figure | PlugKit | baseline (same run) | ratio | goal | met | load avg |\n");
        md.append("|---|---|---:|---|---:|---|---|---:|\n");
        for (Result r : all) {
            md.append(String.format(
                    Locale.ROOT,
                    "| `%s` | %s | %s %s | %s: %s | %s | %s | %s | %.2f |%n",
                    r.benchmark(),
                    r.metric(),
                    number(r.value()),
                    r.unit(),
                    r.baseline(),
                    number(r.baselineValue()),
                    Double.isNaN(r.ratio()) ? "—" : String.format(Locale.ROOT, "%.3f", r.ratio()),
                    r.goal().isEmpty() ? "—" : r.goal(),
                    r.met() == null ? "—" : (r.met() ? "**met**" : "**missed**"),
                    r.loadAverage()));
        }
        md.append("\nCommands of this table:\n\n");
        all.stream()
                .map(Result::command)
                .distinct()
                .forEach(c -> md.append("    ").append(c).append('\n'));
        md.append('\n').append(END);
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int s = text.indexOf(START);
        int e = text.indexOf(END);
        if (s < 0 || e < s) {
            throw new IllegalStateException(doc + " has no result markers");
        }
        Files.writeString(doc, text.substring(0, s) + md + text.substring(e + END.length()), StandardCharsets.UTF_8);
        plot(all, png);
        System.out.println("wrote " + doc + " and " + png);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void plot(List<Result> all, Path png) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> cost = new ArrayList<>();
        for (Result r : all) {
            if (r.baselineValue() > 0
                    && r.value() > 0
                    && !r.unit().equals("KiB")
                    && !r.unit().equals("calls")) {
                names.add(r.metric());
                cost.add(
                        Math.log10(r.higherIsBetter() ? r.baselineValue() / r.value() : r.value() / r.baselineValue()));
            }
        }
        CategoryChart chart = new CategoryChartBuilder()
                .width(1600)
                .height(1000)
                .title(
                        "PlugKit: log10 of its cost relative to a baseline measured in the same run (0 = as cheap as the baseline;"
                                + " 1 = 10 times; lower is better)")
                .yAxisTitle("log10(cost / baseline cost)")
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(75);
        chart.getStyler().setLabelsVisible(false);
        chart.getStyler().setChartTitleBoxVisible(false);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries("cost", names, cost);
        Files.createDirectories(png.getParent());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String machine() {
        StringBuilder m = new StringBuilder();
        m.append("Run of ")
                .append(Instant.now().truncatedTo(ChronoUnit.MINUTES))
                .append(": ");
        m.append(Runtime.getRuntime().availableProcessors())
                .append(" cores (")
                .append(cpuModel())
                .append("), ");
        m.append(Runtime.getRuntime().maxMemory() / (1024 * 1024) * 4 / 1024).append(" GiB RAM (approx.), ");
        m.append("Java ")
                .append(System.getProperty("java.vm.version"))
                .append(" (")
                .append(System.getProperty("java.vm.name"))
                .append("), ");
        m.append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.version"))
                .append(", ");
        m.append(postgresVersion()).append(". Shared machine: other builds ran meanwhile (load average per row).\n");
        return m.toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String postgresVersion() {
        try (Connection c = DriverManager.getConnection(Databases.postgresUrl());
                ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (Exception e) {
            return "PostgreSQL not reachable";
        }
    }
}
