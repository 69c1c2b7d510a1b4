package dev.handoff.identity;

import java.util.List;

/** The teams of the smarketing agreement, as engine groups. */
public final class Groups {

    public static final String MARKETING_OPS = "marketing-ops";
    public static final String DEMAND_GEN = "demand-gen";
    public static final String CONTENT_MARKETING = "content-marketing";
    public static final String MARKETING_MANAGERS = "marketing-managers";
    public static final String SDR = "sdr";
    public static final String AE = "ae";
    public static final String SALES_MANAGERS = "sales-managers";
    public static final String INTEGRATION = "integration";
    public static final String ADMIN = "camunda-admin";

    public static final List<String> MARKETING = List.of(MARKETING_OPS, DEMAND_GEN, CONTENT_MARKETING, MARKETING_MANAGERS);
    public static final List<String> SALES = List.of(SDR, AE, SALES_MANAGERS);
    /** Groups whose members work in Tasklist. */
    public static final List<String> HUMAN = List.of(MARKETING_OPS, DEMAND_GEN, CONTENT_MARKETING, MARKETING_MANAGERS,
            SDR, AE, SALES_MANAGERS);

    record Definition(String id, String name, String type) {
    }

    static final List<Definition> ALL = List.of(
            new Definition(MARKETING_OPS, "Marketing operations", "WORKFLOW"),
            new Definition(DEMAND_GEN, "Demand generation", "WORKFLOW"),
            new Definition(CONTENT_MARKETING, "Content marketing", "WORKFLOW"),
            new Definition(MARKETING_MANAGERS, "Marketing managers", "WORKFLOW"),
            new Definition(SDR, "Sales development reps", "WORKFLOW"),
            new Definition(AE, "Account executives", "WORKFLOW"),
            new Definition(SALES_MANAGERS, "Sales managers", "WORKFLOW"),
            new Definition(INTEGRATION, "Integrations (API only)", "SYSTEM"),
            new Definition(ADMIN, "Camunda administrators", "SYSTEM"));

    private Groups() {
    }
}
