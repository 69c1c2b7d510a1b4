package dev.handoff.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    private static final String SELECT = "select id, name, owner, team, tier, created_at, updated_at, updated_by "
            + "from account";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(AccountRequest a, String nameKey, List<String> domains, String by, OffsetDateTime now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into account (name, name_key, owner, team, tier, created_at, updated_at, updated_by) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.name(), nameKey, a.owner(), a.team(), a.tier(), now, now, by)
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        addDomains(id, domains);
        return id;
    }

    void update(long id, AccountRequest a, String nameKey, List<String> domains, String by, OffsetDateTime now) {
        jdbc.sql("update account set name = ?, name_key = ?, owner = ?, team = ?, tier = ?, updated_at = ?, "
                + "updated_by = ? where id = ?")
                .params(a.name(), nameKey, a.owner(), a.team(), a.tier(), now, by, id).update();
        jdbc.sql("delete from account_domain where account_id = ?").param(id).update();
        addDomains(id, domains);
    }

    boolean delete(long id) {
        jdbc.sql("delete from account_domain where account_id = ?").param(id).update();
        return jdbc.sql("delete from account where id = ?").param(id).update() > 0;
    }

    Optional<Account> find(long id) {
        return withDomains(jdbc.sql(SELECT + " where id = ?").param(id).query(AccountRepository::row).list())
                .stream().findFirst();
    }

    List<Account> list(int limit, int offset) {
        return withDomains(jdbc.sql(SELECT + " order by name_key, id limit ? offset ?").params(limit, offset)
                .query(AccountRepository::row).list());
    }

    long count() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    /** The account holding one of the domains, most specific first (eu.acme.com before acme.com). */
    Optional<Account> byDomain(List<String> candidates) {
        for (String domain : candidates) {
            Optional<Long> id = jdbc.sql("select account_id from account_domain where domain = ?").param(domain)
                    .query(Long.class).optional();
            if (id.isPresent()) {
                return find(id.get());
            }
        }
        return Optional.empty();
    }

    Optional<Account> byNameKey(String nameKey) {
        return withDomains(jdbc.sql(SELECT + " where name_key = ?").param(nameKey).query(AccountRepository::row)
                .list()).stream().findFirst();
    }

    /** Which account (other than {@code except}) holds each of the domains already. */
    Map<String, Long> domainOwners(List<String> domains, long except) {
        Map<String, Long> owners = new LinkedHashMap<>();
        if (domains.isEmpty()) {
            return owners;
        }
        jdbc.sql("select domain, account_id from account_domain where domain in (:domains) and account_id <> :id")
                .param("domains", domains).param("id", except)
                .query((rs, n) -> owners.put(rs.getString(1), rs.getLong(2))).list();
        return owners;
    }

    Optional<Long> idByNameKey(String nameKey) {
        return jdbc.sql("select id from account where name_key = ?").param(nameKey).query(Long.class).optional();
    }

    private void addDomains(long id, List<String> domains) {
        for (String domain : domains) {
            jdbc.sql("insert into account_domain (domain, account_id) values (?, ?)").params(domain, id).update();
        }
    }

    private List<Account> withDomains(List<Account> accounts) {
        if (accounts.isEmpty()) {
            return accounts;
        }
        Map<Long, List<String>> domains = new LinkedHashMap<>();
        jdbc.sql("select account_id, domain from account_domain where account_id in (:ids) order by domain")
                .param("ids", accounts.stream().map(Account::id).toList())
                .query((rs, n) -> domains.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        return accounts.stream().map(a -> new Account(a.id(), a.name(), List.copyOf(domains.getOrDefault(a.id(),
                List.of())), a.owner(), a.team(), a.tier(), a.createdAt(), a.updatedAt(), a.updatedBy())).toList();
    }

    private static Account row(ResultSet rs, int n) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("name"), List.of(), rs.getString("owner"),
                rs.getString("team"), rs.getString("tier"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getString("updated_by"));
    }
}
