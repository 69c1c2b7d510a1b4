package dev.handoff.support;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** The database's own plan for a query, to check that a hot path reads an index. */
public final class QueryPlans {

    /**
     * H2's EXPLAIN, or PostgreSQL's with sequential and bitmap scans made unattractive: a test database is small
     * enough that a scan of the table, or a bitmap of any index that narrows it a little, would win whichever
     * indexes exist, where a table of real size takes the index that seeks the fewest entries.
     */
    public static String of(DataSource dataSource, String sql) {
        return new JdbcTemplate(dataSource).execute((ConnectionCallback<String>) connection -> {
            boolean postgres = connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
            List<String> lines = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                if (postgres) {
                    statement.execute("set enable_seqscan = off");
                    statement.execute("set enable_bitmapscan = off");
                }
                try (ResultSet rows = statement.executeQuery("explain " + sql)) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                } finally {
                    if (postgres) {
                        statement.execute("reset enable_seqscan");
                        statement.execute("reset enable_bitmapscan");
                    }
                }
            }
            return String.join("\n", lines);
        });
    }

    private QueryPlans() {
    }
}
