package dev.handoff.resilience;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the database holds of the leads a load sent, read directly over JDBC: each lead with its lifecycle
 * (the root process instance under its number) and its open task.
 */
record LeadLedger(int missing, int duplicated, int withoutProcess, int withoutTask, int processesWithoutLead,
        int stored) {

    static LeadLedger read(String jdbcUrl, String user, String password, Collection<String> acknowledged,
            String emailPattern) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            Map<String, Integer> leadsPerEmail = new HashMap<>();
            Map<String, String> numberByEmail = new HashMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "select email, lead_number from lead where email like '" + emailPattern + "'")) {
                while (rows.next()) {
                    leadsPerEmail.merge(rows.getString(1), 1, Integer::sum);
                    numberByEmail.put(rows.getString(1), String.format("L-%06d", rows.getLong(2)));
                }
            }
            Map<String, Integer> processes = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("select BUSINESS_KEY_ from ACT_HI_PROCINST "
                    + "where SUPER_PROCESS_INSTANCE_ID_ is null and BUSINESS_KEY_ like 'L-%'")) {
                while (rows.next()) {
                    processes.merge(rows.getString(1), 1, Integer::sum);
                }
            }
            Set<String> withTask = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("select p.BUSINESS_KEY_ from ACT_RU_TASK t "
                    + "join ACT_HI_PROCINST p on p.PROC_INST_ID_ = t.PROC_INST_ID_")) {
                while (rows.next()) {
                    withTask.add(rows.getString(1));
                }
            }
            int missing = 0;
            for (String email : Set.copyOf(acknowledged)) {
                if (!leadsPerEmail.containsKey(email)) {
                    missing++;
                }
            }
            int duplicated = (int) leadsPerEmail.values().stream().filter(n -> n > 1).count();
            int withoutProcess = 0;
            int withoutTask = 0;
            for (String number : numberByEmail.values()) {
                Integer instances = processes.get(number);
                if (instances == null) {
                    withoutProcess++;
                } else if (instances > 1) {
                    duplicated++;
                }
                if (!withTask.contains(number)) {
                    withoutTask++;
                }
            }
            Set<String> numbers = new HashSet<>(numberByEmail.values());
            int processesWithoutLead = 0;
            try (ResultSet rows = statement.executeQuery("select BUSINESS_KEY_ from ACT_HI_PROCINST p "
                    + "where SUPER_PROCESS_INSTANCE_ID_ is null and BUSINESS_KEY_ like 'L-%' and not exists "
                    + "(select 1 from lead l where l.lead_number = cast(substring(p.BUSINESS_KEY_, 3) as bigint))")) {
                while (rows.next()) {
                    processesWithoutLead++;
                }
            }
            return new LeadLedger(missing, duplicated, withoutProcess, withoutTask, processesWithoutLead,
                    numbers.size());
        }
    }

    /** Missing and duplicated must be 0; a stored lead without process or task is an orphan. */
    int orphaned() {
        return withoutProcess + withoutTask + processesWithoutLead;
    }

    String describe(int acknowledged, int inFlight) {
        return "acknowledged " + acknowledged + ", stored " + stored + ", missing " + missing + ", duplicated "
                + duplicated + ", orphaned " + orphaned() + " (without process " + withoutProcess + ", without task "
                + withoutTask + ", process without lead " + processesWithoutLead + "), unanswered or refused "
                + inFlight;
    }

    static List<String> unique(List<String> emails) {
        return List.copyOf(new HashSet<>(emails));
    }
}
