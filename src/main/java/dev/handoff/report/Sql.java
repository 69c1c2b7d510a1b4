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
