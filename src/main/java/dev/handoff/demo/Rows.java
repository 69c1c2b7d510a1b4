package dev.handoff.demo;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** Rows for one table, written in JDBC batches when the caller flushes (parents before children). */
final class Rows {

    private final JdbcTemplate jdbc;
    private final String sql;
    private final List<Object[]> pending = new ArrayList<>();
    private long written;

    Rows(JdbcTemplate jdbc, String table, String columns) {
        this.jdbc = jdbc;
        int count = columns.split(",").length;
        this.sql = "insert into " + table + " (" + columns + ") values (" + "?, ".repeat(count - 1) + "?)";
    }

    void add(Object... values) {
        pending.add(values);
    }

    void flush() {
        if (!pending.isEmpty()) {
            // Explicit JDBC types: Spring would otherwise ask the driver for the type of every null.
            jdbc.batchUpdate(sql, pending, pending.size(), (ps, row) -> {
                for (int i = 0; i < row.length; i++) {
                    Object value = row[i];
                    if (value == null) {
                        ps.setNull(i + 1, Types.NULL);
                    } else if (value instanceof String s) {
                        ps.setString(i + 1, s);
                    } else {
                        ps.setObject(i + 1, value);
                    }
                }
            });
            written += pending.size();
            pending.clear();
        }
    }

    long written() {
        return written + pending.size();
    }
}
