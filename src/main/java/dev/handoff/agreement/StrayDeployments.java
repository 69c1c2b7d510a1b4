package dev.handoff.agreement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.stereotype.Component;

/**
 * Versions of the shared decisions deployed after the one the agreement in force names (from Modeler, say):
 * Handoff keeps evaluating the agreed version, and says so. A version an open proposal names is held as that
 * proposal; any other is a stray deployment until someone proposes it.
 */
@Component
class StrayDeployments {

    record Finding(String decision, int version, int versionInForce, int agreementInForce, OffsetDateTime deployedAt,
            String deployedBy, Integer heldByProposal, String message) {
    }

    private final Agreements agreements;
    private final RepositoryService repository;
    private final HistoryService history;

    StrayDeployments(Agreements agreements, RepositoryService repository, HistoryService history) {
        this.agreements = agreements;
        this.repository = repository;
        this.history = history;
    }

    List<Finding> findings() {
        Agreement inForce = agreements.inForce();
        List<Agreement> open = agreements.all().stream().filter(a -> a.status() == Agreement.Status.PROPOSED).toList();
        List<Finding> findings = new ArrayList<>();
        inForce.decisions().byKey().forEach((key, agreed) -> {
            for (DecisionDefinition d : repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                    .orderByDecisionDefinitionVersion().asc().list()) {
                if (d.getVersion() <= agreed) {
                    continue;
                }
                Integer held = open.stream().filter(a -> a.decisions().version(key) == d.getVersion())
                        .map(Agreement::number).findFirst().orElse(null);
                Deployment deployment = repository.createDeploymentQuery().deploymentId(d.getDeploymentId())
                        .singleResult();
                OffsetDateTime at = deployment == null || deployment.getDeploymentTime() == null ? null
                        : deployment.getDeploymentTime().toInstant().atOffset(ZoneOffset.UTC);
                String by = history.createUserOperationLogQuery().deploymentId(d.getDeploymentId())
                        .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).list().stream()
                        .map(UserOperationLogEntry::getUserId).filter(u -> u != null).findFirst().orElse(null);
                String message = key + " v" + d.getVersion() + " was deployed" + (by == null ? "" : " by " + by)
                        + " outside the agreement: new leads are still judged by v" + agreed + " (agreement "
                        + inForce.number() + ")" + (held == null
                                ? "; propose it through the agreement change to put it in force"
                                : "; proposal " + held + " names it, awaiting signatures and its effective date");
                findings.add(new Finding(key, d.getVersion(), agreed, inForce.number(), at, by, held, message));
            }
        });
        return findings;
    }
}
