package dev.handoff.report;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A report query's WHERE clause, built from the filters actually given: optional filters become absent
 * predicates rather than {@code (:x is null or ...)}, so both databases can use their indexes.
 */
final class Sql {

    private final StringBuilder where = new StringBuilder(" where 1 = 1");
    private final MapSqlParameterSource params = new MapSqlParameterSource();

    static Sql in(String column, Window window) {
        Sql sql = new Sql();
        sql.where.append(" and ").append(column).append(" >= :from and ").append(column).append(" < :to");
        sql.params.addValue("from", window.startParam()).addValue("to", window.endParam());
        return sql;
    }

    Sql eq(String column, String value) {
        if (value != null) {
            String name = "p" + params.getParameterNames().length;
            where.append(" and ").append(column).append(" = :").append(name);
            params.addValue(name, value);
        }
        return this;
    }

    /**
     * Like {@link #eq} for a lead's owner or team: compared through coalesce so that H2 cannot pick the narrow
     * owner index and visit every row of that owner over all time, but reads the period's covering index.
     */
    Sql eqLeadColumn(String column, String value) {
        return eq("coalesce(" + column + ", '')", value);
    }

    Sql and(String predicate) {
        where.append(" and ").append(predicate);
        return this;
    }

    Sql param(String name, Object value) {
        params.addValue(name, value);
        return this;
    }

    String where() {
        return where.toString();
    }

    MapSqlParameterSource params() {
        return params;
    }
}
