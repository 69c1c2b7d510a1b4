package dev.handoff.agreement;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.identity.Groups;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The agreement both teams sign: read it, its history and what a proposal changes; propose a change. */
@RestController
@RequestMapping("/api/agreements")
@Tag(name = "Agreements", description = """
        The smarketing agreement: the decision versions Handoff evaluates, the targets and the quarter's shared \
        objectives, signed for marketing and for sales. Every human group reads it; marketing-ops and \
        marketing-managers propose MQL definition and lead fit changes, sales-managers the SLA ladder, routing and \
        targets; the other side's managers review and sign in Tasklist (processes/agreement-change.bpmn).""")
@ApiResponse(responseCode = "403", description = "Not a member of a group that may do this")
class AgreementController {

    static final List<String> READERS = Groups.HUMAN;

    record Review(Agreement agreementInForce, Agreement proposal, List<AgreementChanges.Change> changes,
            Replay.Result replay) {
    }

    record Proposed(Agreement agreement, String processInstanceId) {
    }

    private final Agreements agreements;
    private final AgreementChanges changes;
    private final Replay replay;
    private final StrayDeployments strays;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;
    private final CurrentUser user;

    AgreementController(Agreements agreements, AgreementChanges changes, Replay replay, StrayDeployments strays,
            RuntimeService runtime, TransactionTemplate transaction, CurrentUser user) {
        this.agreements = agreements;
        this.changes = changes;
        this.replay = replay;
        this.strays = strays;
        this.runtime = runtime;
        this.transaction = transaction;
        this.user = user;
    }

    @Operation(summary = "Every agreement", description = "All versions, proposals and rejected ones included, oldest first.")
    @ApiResponse(responseCode = "200", description = "Every agreement, oldest first")
    @GetMapping
    List<Agreement> all() {
        read();
        agreements.inForce();
        return agreements.all();
    }

    @Operation(summary = "The agreement in force", description = "The one agreement in force now.")
    @ApiResponse(responseCode = "200", description = "The agreement in force")
    @GetMapping("/current")
    Agreement current() {
        read();
        return agreements.inForce();
    }

    @Operation(summary = "One agreement", description = "An agreement by its number.")
    @ApiResponse(responseCode = "404", description = "No agreement with this number")
    @ApiResponse(responseCode = "200", description = "The agreement")
    @GetMapping("/{number}")
    Agreement one(@Parameter(description = "The agreement's number, e.g. 2") @PathVariable int number) {
        read();
        return agreements.find(number);
    }

    @Operation(summary = "What an agreement changes", description = """
            Its changes against the agreement in force (decision rules, targets, objectives, before and after) \
            and the replay of the last full quarter's leads: MQLs by fit grade and by source, now and under it.""")
    @ApiResponse(responseCode = "404", description = "No agreement with this number")
    @ApiResponse(responseCode = "200", description = "Its changes and the replay")
    @GetMapping("/{number}/review")
    Review review(@Parameter(description = "The agreement's number") @PathVariable int number) {
        read();
        Agreement current = agreements.inForce();
        Agreement proposal = agreements.find(number);
        return new Review(current, proposal, changes.between(current, proposal), replay.replay(current, proposal));
    }

    @Operation(summary = "Stray decision deployments", description = """
            Versions of mql-definition, sla-policy, lead-routing and lead-fit deployed after the ones the \
            agreement in force names: they judge nobody until an agreement names them.""")
    @ApiResponse(responseCode = "200", description = "The stray deployments, none when every deployed version is agreed or proposed")
    @GetMapping("/findings")
    List<StrayDeployments.Finding> findings() {
        read();
        return strays.findings();
    }

    @Operation(summary = "Propose a change", description = """
            Starts processes/agreement-change.bpmn as the signed-in user, as Tasklist's start form does; the \
            proposer signs for their side. Fields left out keep what is in force.""")
    @ApiResponse(responseCode = "201", description = "Proposed: the new agreement (Location) and its process")
    @ApiResponse(responseCode = "400", description = "A field is invalid or the other side's: `errors` names it")
    @PostMapping("/proposals")
    ResponseEntity<Proposed> propose(@RequestBody(required = false) Proposal body) {
        Agreements.side(user.groups(), user.id()); // who may propose at all, before what they sent
        if (body == null) {
            throw new InvalidInputException("summary", "is required: what changes and why");
        }
        List<dev.handoff.platform.FieldProblem> unwritable = CatalogueRules.writable(body.icp(), body.personas());
        if (!unwritable.isEmpty()) {
            throw new InvalidInputException(unwritable);
        }
        ProcessInstanceWithVariables instance = transaction.execute(status -> runtime
                .createProcessInstanceByKey(ChangeVariables.PROCESS_KEY).setVariables(ChangeVariables.of(body))
                .executeWithVariablesInReturn());
        int number = (Integer) instance.getVariables().get(ChangeVariables.AGREEMENT_NUMBER);
        return ResponseEntity.created(URI.create("/api/agreements/" + number))
                .body(new Proposed(agreements.find(number), instance.getId()));
    }

    private void read() {
        user.requireAny(new ArrayList<>(READERS), "read the agreement");
    }
}
