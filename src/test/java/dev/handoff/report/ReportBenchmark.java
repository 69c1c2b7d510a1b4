package dev.handoff.report;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.handoff.agreement.Agreement;
import dev.handoff.agreement.AgreementHistory;
import dev.handoff.demo.ContentHistory;
import dev.handoff.demo.HistoryGenerator;
import dev.handoff.sla.BusinessHours;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Times every report over a large generated history: {@code scripts/benchmark.sh h2|postgres [leads]}.
 * The database lives under target/benchmark/ and is reused while it holds enough leads, so a rerun only
 * measures. Not a test: figures depend on the machine and what else runs on it.
 */
public final class ReportBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** A fixed "now", so that every run generates and queries the same history. */
    private static final Instant END = Instant.parse("2026-11-20T17:00:00Z");
    private static final int DAYS = 730;
    private static final int RUNS = 5;
    private static final String H2_URL = "jdbc:h2:file:./target/benchmark/h2/handoff;QUERY_CACHE_SIZE=0";

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int leads = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        EmbeddedPostgres postgres = db.equals("postgres")
                ? EmbeddedPostgres.builder().setDataDirectory(Path.of("target/benchmark/postgres"))
                        .setCleanDataDirectory(false).setPGStartupWait(Duration.ofSeconds(120)).start()
                : null;
        HikariDataSource dataSource = open(postgres);
        try {
            if (prepare(dataSource, leads)) {
                dataSource = settle(dataSource, postgres);
            }
            run(db, dataSource);
        } finally {
            dataSource.close();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static HikariDataSource open(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        if (postgres != null) {
            dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
            dataSource.setUsername("postgres");
        } else {
            dataSource.setJdbcUrl(H2_URL);
            dataSource.setUsername("sa");
        }
        return dataSource;
    }

    /** Brings the schema up to date and generates the missing leads; true when either wrote anything. */
    private static boolean prepare(DataSource dataSource, int leads) {
        int migrations = Flyway.configure().dataSource(dataSource).table("handoff_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").locations("classpath:db/migration").load().migrate()
                .migrationsExecuted;
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        BusinessHours hours = new BusinessHours(ZONE, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(18, 0), List.of());
        long existing = jdbc.queryForObject("select count(*) from lead", Long.class);
        if (existing >= leads) {
            return migrations > 0;
        }
        long started = System.nanoTime();
        Instant start = END.minus(Duration.ofDays(DAYS));
        var summary = new HistoryGenerator(jdbc, hours).generate(start, END, (int) (leads - existing), 42);
        new ContentHistory(jdbc).generate(start, END, (int) ((leads - existing) / 200), 43);
        System.out.printf(Locale.ROOT, "generated %s in %.0f s%n", summary, (System.nanoTime() - started) / 1e9);
        return true;
    }

    /**
     * After bulk writes the database tidies up once before it is measured, as one that has been running a while
     * would have: PostgreSQL updates its statistics and visibility map (VACUUM ANALYZE), H2 compacts its file
     * (SHUTDOWN COMPACT), which it would otherwise keep rewriting in the background during the measurements.
     */
    private static HikariDataSource settle(HikariDataSource dataSource, EmbeddedPostgres postgres) throws SQLException {
        long started = System.nanoTime();
        if (postgres != null) {
            new JdbcTemplate(dataSource).execute("vacuum analyze");
        } else {
            dataSource.close();
            try (Connection connection = DriverManager.getConnection(H2_URL, "sa", "")) {
                connection.createStatement().execute("shutdown compact");
            }
            dataSource = open(null);
        }
        System.out.printf(Locale.ROOT, "settled in %.0f s%n", (System.nanoTime() - started) / 1e9);
        return dataSource;
    }

    private static void run(String db, DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        System.out.printf(Locale.ROOT, "%s: %d leads, %d clocks, %d rejections, %d content requests%n", db,
                jdbc.queryForObject("select count(*) from lead", Long.class),
                jdbc.queryForObject("select count(*) from lead_assignment", Long.class),
                jdbc.queryForObject("select count(*) from lead_rejection", Long.class),
                jdbc.queryForObject("select count(*) from content_request", Long.class));

        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(dataSource);
        Targets targets = new Targets(0.9, 0.9, 0.25, 0.5);
        SqlTime time = new SqlTime(dataSource);
        FunnelReport funnel = new FunnelReport(named);
        SlaReport sla = new SlaReport(named, targets, time);
        AgreementHistory agreement = AgreementHistory.only(new Agreement.Targets(targets.slaCompliance(),
                targets.acceptance(), targets.salToSql(), targets.definitionalShareMax()));
        RejectionReport rejections = new RejectionReport(named, agreement);
        ContentReport content = new ContentReport(named, time);
        AttributionReport attribution = new AttributionReport(named);
        QuarterDiagnosis diagnosis = new QuarterDiagnosis(funnel, sla, rejections, agreement,
                new ObjectiveProgress(named));
        LocalDate today = END.atZone(ZONE).toLocalDate();
        Window quarter = Window.of(today.minusDays(89), today, ZONE);
        Window year = Window.of(today.minusDays(364), today, ZONE);
        Filter campaign = new Filter(null, null, "INBOUND", "pricing-webinar");
        Filter rep = new Filter("sdr", "sam", null, null);

        List<String> lines = new ArrayList<>();
        lines.add("| report | window | filter | median ms | max ms | load average |");
        lines.add("|---|---|---|---|---|---|");
        for (Window window : List.of(quarter, year)) {
            String w = window == quarter ? "90 days" : "365 days";
            lines.add(time("funnel", w, "-", () -> funnel.funnel(window, Filter.NONE)));
            lines.add(time("funnel", w, "source+campaign", () -> funnel.funnel(window, campaign)));
            lines.add(time("sla", w, "-", () -> sla.sla(window, Filter.NONE, ZONE)));
            lines.add(time("sla", w, "team+rep", () -> sla.sla(window, rep, ZONE)));
            lines.add(time("rejections", w, "-", () -> rejections.rejections(window, Filter.NONE)));
            lines.add(time("content", w, "-", () -> content.content(window, Filter.NONE)));
            lines.add(time("attribution", w, "-", () -> attribution.attribution(window, Filter.NONE)));
        }
        String q = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        lines.add(time("quarter-diagnosis", q, "-", () -> diagnosis.diagnose(q, Filter.NONE, ZONE)));
        System.out.println(diagnosis.diagnose(q, Filter.NONE, ZONE));
        lines.forEach(System.out::println);
    }

    private static String time(String report, String window, String filter, Supplier<Object> query) {
        query.get();
        long[] millis = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            query.get();
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        java.util.Arrays.sort(millis);
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.2f |", report, window, filter,
                millis[RUNS / 2], millis[RUNS - 1], ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private ReportBenchmark() {
    }
}
