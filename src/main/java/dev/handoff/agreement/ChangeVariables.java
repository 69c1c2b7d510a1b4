package dev.handoff.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;

import dev.handoff.platform.InvalidInputException;

/** The variables of processes/agreement-change.bpmn, as the model, the forms and the code name them. */
final class ChangeVariables {

    static final String PROCESS_KEY = "agreement-change";

    // the proposal: the start form, the revision form, or Handoff's API
    static final String MQL_DEFINITION_VERSION = "mqlDefinitionVersion";
    static final String SLA_POLICY_VERSION = "slaPolicyVersion";
    static final String LEAD_ROUTING_VERSION = "leadRoutingVersion";
    static final String LEAD_FIT_VERSION = "leadFitVersion";
    static final String TARGET_SLA_COMPLIANCE = "targetSlaCompliance";
    static final String TARGET_ACCEPTANCE = "targetAcceptance";
    static final String TARGET_SAL_TO_SQL = "targetSalToSql";
    static final String TARGET_DEFINITIONAL_SHARE_MAX = "targetDefinitionalShareMax";
    static final String OBJECTIVE_MQLS = "objectiveMqls";
    static final String OBJECTIVE_SQLS = "objectiveSqls";
    static final String OBJECTIVE_PIPELINE = "objectivePipeline";
    static final String OBJECTIVE_WON_REVENUE = "objectiveWonRevenue";
    // the catalogue both teams own: the ICP's lists comma-separated, one persona a line (CatalogueRules)
    static final String ICP_SEGMENTS = "icpSegments";
    static final String ICP_COMPANY_SIZES = "icpCompanySizes";
    static final String ICP_INDUSTRIES = "icpIndustries";
    static final String ICP_REGIONS = "icpRegions";
    static final String PERSONAS = "personas";
    static final String EFFECTIVE_FROM = "effectiveFrom";
    static final String SUMMARY = "summary";

    // set by "Record the proposal"
    static final String AGREEMENT_NUMBER = "agreementNumber";
    static final String PROPOSER = "proposer";
    static final String PROPOSER_SIDE = "proposerSide";
    static final String REVIEWER_GROUP = "reviewerGroup";
    static final String CHANGES_TEXT = "changesText";
    static final String REPLAY_TEXT = "replayText";

    // the review
    static final String REVIEW_DECISION = "reviewDecision";
    static final String REVIEW_COMMENT = "reviewComment";
    static final String REVIEWER = "reviewer";
    static final String EFFECTIVE_AT = "effectiveAt";

    static Proposal proposal(VariableScope scope) {
        return new Proposal(integer(scope, MQL_DEFINITION_VERSION), integer(scope, SLA_POLICY_VERSION),
                integer(scope, LEAD_ROUTING_VERSION), integer(scope, LEAD_FIT_VERSION),
                decimal(scope, TARGET_SLA_COMPLIANCE), decimal(scope, TARGET_ACCEPTANCE),
                decimal(scope, TARGET_SAL_TO_SQL), decimal(scope, TARGET_DEFINITIONAL_SHARE_MAX),
                integer(scope, OBJECTIVE_MQLS), integer(scope, OBJECTIVE_SQLS), amount(scope, OBJECTIVE_PIPELINE),
                amount(scope, OBJECTIVE_WON_REVENUE), icp(scope), CatalogueRules.lines(text(scope, PERSONAS)),
                date(scope, EFFECTIVE_FROM), text(scope, SUMMARY));
    }

    /** The proposed profile: null while every list is blank (keep the one in force); a blank list keeps its own. */
    private static Catalogue.Icp icp(VariableScope scope) {
        List<String> segments = CatalogueRules.commaSeparated(text(scope, ICP_SEGMENTS));
        List<String> sizes = CatalogueRules.commaSeparated(text(scope, ICP_COMPANY_SIZES));
        List<String> industries = CatalogueRules.commaSeparated(text(scope, ICP_INDUSTRIES));
        List<String> regions = CatalogueRules.commaSeparated(text(scope, ICP_REGIONS));
        if (segments == null && sizes == null && industries == null && regions == null) {
            return null;
        }
        return new Catalogue.Icp(segments, sizes, industries, regions);
    }

    /** The proposal as the process's variables, for Handoff's API to start the process with. */
    static Map<String, Object> of(Proposal p) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(MQL_DEFINITION_VERSION, p.mqlDefinitionVersion());
        variables.put(SLA_POLICY_VERSION, p.slaPolicyVersion());
        variables.put(LEAD_ROUTING_VERSION, p.leadRoutingVersion());
        variables.put(LEAD_FIT_VERSION, p.leadFitVersion());
        variables.put(TARGET_SLA_COMPLIANCE, p.targetSlaCompliance());
        variables.put(TARGET_ACCEPTANCE, p.targetAcceptance());
        variables.put(TARGET_SAL_TO_SQL, p.targetSalToSql());
        variables.put(TARGET_DEFINITIONAL_SHARE_MAX, p.targetDefinitionalShareMax());
        variables.put(OBJECTIVE_MQLS, p.objectiveMqls());
        variables.put(OBJECTIVE_SQLS, p.objectiveSqls());
        variables.put(OBJECTIVE_PIPELINE, p.objectivePipeline() == null ? null : p.objectivePipeline().toPlainString());
        variables.put(OBJECTIVE_WON_REVENUE, p.objectiveWonRevenue() == null ? null
                : p.objectiveWonRevenue().toPlainString());
        if (p.icp() != null) {
            variables.put(ICP_SEGMENTS, CatalogueRules.commaSeparated(p.icp().segments()));
            variables.put(ICP_COMPANY_SIZES, CatalogueRules.commaSeparated(p.icp().companySizes()));
            variables.put(ICP_INDUSTRIES, CatalogueRules.commaSeparated(p.icp().industries()));
            variables.put(ICP_REGIONS, CatalogueRules.commaSeparated(p.icp().regions()));
        }
        variables.put(PERSONAS, p.personas() == null ? null : CatalogueRules.lines(p.personas()));
        variables.put(EFFECTIVE_FROM, p.effectiveFrom() == null ? null : p.effectiveFrom().toString());
        variables.put(SUMMARY, p.summary());
        return variables;
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    static Integer integer(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
                throw new InvalidInputException(name, "must be a whole number");
            }
            return n.intValue();
        }
        String text = text(scope, name);
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a whole number");
        }
    }

    static Double decimal(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String text = text(scope, name);
        try {
            return text == null ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a number such as 0.9");
        }
    }

    static BigDecimal amount(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        String text = value instanceof Number n ? n.toString() : text(scope, name);
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be an amount such as 250000.00");
        }
    }

    static LocalDate date(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Date d) {
            return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        String text = text(scope, name);
        try {
            return text == null ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "must be a day such as 2026-12-01");
        }
    }

    private ChangeVariables() {
    }
}
