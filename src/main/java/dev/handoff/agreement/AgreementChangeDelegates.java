package dev.handoff.agreement;

import static dev.handoff.agreement.ChangeVariables.*;

import java.util.Date;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;
import dev.handoff.platform.ForbiddenException;
import dev.handoff.platform.InvalidInputException;

/**
 * The glue of processes/agreement-change.bpmn: recording a proposal or its revision (with what it changes and
 * the replay of last quarter for the review form), the other side's review and signature, the rejection, and
 * putting the signed agreement in force at its effective date.
 */
@Configuration
class AgreementChangeDelegates {

    static final Set<String> REVIEW_DECISIONS = Set.of("accept", "sendBack", "reject");

    private final Agreements agreements;
    private final AgreementChanges changes;
    private final Replay replay;
    private final IdentityService identity;
    private final Notifier notifier;
    private final AgreementForms forms;

    AgreementChangeDelegates(Agreements agreements, AgreementChanges changes, Replay replay,
            IdentityService identity, Notifier notifier, AgreementForms forms) {
        this.agreements = agreements;
        this.changes = changes;
        this.replay = replay;
        this.identity = identity;
        this.notifier = notifier;
        this.forms = forms;
    }

    /** A new proposal, by whoever starts the process (the start form or Handoff's API): they sign for their side. */
    @Bean
    JavaDelegate recordProposal() {
        return execution -> {
            String proposer = caller();
            Agreement.Side side = Agreements.side(groups(proposer), proposer);
            Agreement proposal = agreements.propose(ChangeVariables.proposal(execution), proposer, side);
            execution.setVariable(AGREEMENT_NUMBER, proposal.number());
            execution.setVariable(PROPOSER, proposer);
            execution.setVariable(PROPOSER_SIDE, side.name().toLowerCase(java.util.Locale.ROOT));
            execution.setVariable(REVIEWER_GROUP, Agreements.reviewerGroup(side));
            execution.setProcessBusinessKey("A-" + proposal.number());
            describe(execution, proposal);
            notifier.notifyGroup(Agreements.reviewerGroup(side), "Agreement " + proposal.number() + " proposed",
                    proposer + " proposes: " + proposal.summary() + ". Review it in Tasklist.");
        };
    }

    /** The proposer's revision after a send-back; the proposal keeps its number. */
    @Bean
    JavaDelegate recordRevision() {
        return execution -> {
            int number = (Integer) execution.getVariable(AGREEMENT_NUMBER);
            Agreement revised = agreements.revise(number, ChangeVariables.proposal(execution),
                    (String) execution.getVariable(PROPOSER));
            describe(execution, revised);
            notifier.notifyGroup((String) execution.getVariable(REVIEWER_GROUP), "Agreement " + number + " revised",
                    revised.proposedBy() + " revised the proposal: " + revised.summary());
        };
    }

    /** The other side's manager accepts (signs, naming the effective day), sends back with a comment, or rejects. */
    @Bean
    TaskListener recordReview() {
        return task -> {
            DelegateExecution execution = task.getExecution();
            int number = (Integer) execution.getVariable(AGREEMENT_NUMBER);
            String decision = text(task, REVIEW_DECISION);
            if (decision == null || !REVIEW_DECISIONS.contains(decision)) {
                throw new InvalidInputException(REVIEW_DECISION, "must be one of accept, sendBack, reject");
            }
            String comment = text(task, REVIEW_COMMENT);
            if (comment != null && comment.length() > 1000) {
                throw new InvalidInputException(REVIEW_COMMENT, "must be at most 1000 characters");
            }
            if (!decision.equals("accept") && comment == null) {
                throw new InvalidInputException(REVIEW_COMMENT, "is required to send back or reject: say why");
            }
            String reviewer = caller();
            if (reviewer == null) {
                reviewer = task.getAssignee();
            }
            List<String> groups = groups(reviewer);
            String reviewerGroup = (String) execution.getVariable(REVIEWER_GROUP);
            if (!groups.contains(reviewerGroup)) {
                throw new ForbiddenException("User " + reviewer + " may not review agreement " + number
                        + ": it takes the group " + reviewerGroup + ".");
            }
            execution.setVariable(REVIEWER, reviewer);
            if (comment != null) {
                agreements.comment(number, comment);
            }
            if (decision.equals("accept")) {
                Agreement signed = agreements.sign(number, reviewer, groups, ChangeVariables.date(task, EFFECTIVE_FROM));
                execution.setVariable(EFFECTIVE_FROM, signed.effectiveFrom().toString());
                execution.setVariable(EFFECTIVE_AT, Date.from(agreements.effectiveInstant(signed.effectiveFrom())));
            }
        };
    }

    @Bean
    JavaDelegate closeRejectedProposal() {
        return execution -> {
            int number = (Integer) execution.getVariable(AGREEMENT_NUMBER);
            agreements.reject(number);
            notifier.notify((String) execution.getVariable(PROPOSER), "Agreement " + number + " rejected",
                    execution.getVariable(REVIEWER) + " rejected it: " + execution.getVariable(REVIEW_COMMENT));
        };
    }

    /** The effective day has come: the agreement goes in force and the previous one is superseded. */
    @Bean
    JavaDelegate putAgreementInForce() {
        return execution -> {
            Agreement agreement = agreements.putInForce((Integer) execution.getVariable(AGREEMENT_NUMBER));
            forms.show(agreement);
            for (String group : List.of(Groups.MARKETING_MANAGERS, Groups.SALES_MANAGERS, Groups.MARKETING_OPS)) {
                notifier.notifyGroup(group, "Agreement " + agreement.number() + " in force",
                        "From now on Handoff evaluates " + agreement.decisions().byKey() + ": " + agreement.summary());
            }
        };
    }

    private void describe(DelegateExecution execution, Agreement proposal) {
        Agreement current = agreements.inForce();
        execution.setVariable(CHANGES_TEXT, AgreementChanges.markdown(changes.between(current, proposal)));
        execution.setVariable(REPLAY_TEXT, Replay.markdown(replay.replay(current, proposal)));
        execution.setVariable(SUMMARY, proposal.summary());
        execution.setVariable(EFFECTIVE_FROM, proposal.effectiveFrom() == null ? null
                : proposal.effectiveFrom().toString());
    }

    private String caller() {
        Authentication authentication = identity.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private List<String> groups(String user) {
        return user == null ? List.of()
                : identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    private static String text(org.camunda.bpm.engine.delegate.VariableScope scope, String name) {
        return ChangeVariables.text(scope, name);
    }
}
