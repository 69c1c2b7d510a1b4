package dev.handoff.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** Small numeric helpers shared by the reports: rates that are null when nothing was counted. */
final class Stats {

    /** SQL for the median and 90th percentile of an expression, portable to H2 2.x and PostgreSQL. */
    static String percentiles(String expression, String alias) {
        return "percentile_cont(0.5) within group (order by " + expression + ") as " + alias + "_p50, "
                + "percentile_cont(0.9) within group (order by " + expression + ") as " + alias + "_p90";
    }

    /** A stored enum name such as {@code OUTBOUND} as the API spells it elsewhere: {@code outbound}. */
    static String code(String name) {
        return name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether part/whole reaches the target, on exact decimals; null when nothing was counted. */
    static Boolean meets(long part, long whole, double target) {
        return whole == 0 ? null
                : java.math.BigDecimal.valueOf(part).compareTo(
                        java.math.BigDecimal.valueOf(target).multiply(java.math.BigDecimal.valueOf(whole))) >= 0;
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    static Long roundedLong(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value);
    }

    static Double rounded(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(value * 100.0) / 100.0;
    }

    /**
     * What {@code percentile_cont(p)} gives for these values (sorted ascending), rounded like {@link #roundedLong}:
     * linear interpolation between the two values around rank p·(n−1). Computed in exact decimals, as H2 does;
     * PostgreSQL interpolates in doubles, which can differ in the last bit only. Null for no values.
     */
    static Long percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        BigDecimal rank = BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(sorted.length - 1));
        int below = rank.intValue();
        BigDecimal value = new BigDecimal(sorted[below]);
        BigDecimal fraction = rank.subtract(BigDecimal.valueOf(below));
        if (fraction.signum() > 0) {
            value = value.add(new BigDecimal(sorted[below + 1]).subtract(value).multiply(fraction));
        }
        // Math.round's rule (half up, towards positive infinity) on the exact value
        return value.add(HALF).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static final BigDecimal HALF = new BigDecimal("0.5");

    record Durations(long count, Long medianSeconds, Long p90Seconds) {

        static Durations read(ResultSet rs, String alias, String countColumn) throws SQLException {
            return new Durations(rs.getLong(countColumn), roundedLong(rs, alias + "_p50"), roundedLong(rs, alias + "_p90"));
        }

        /** The median and 90th percentile of {@code seconds} (sorted in place), as {@link #percentiles} in SQL. */
        static Durations of(long count, double[] seconds) {
            Arrays.sort(seconds);
            return new Durations(count, percentile(seconds, 0.5), percentile(seconds, 0.9));
        }
    }

    private Stats() {
    }
}
