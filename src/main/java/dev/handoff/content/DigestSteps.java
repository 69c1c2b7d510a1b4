package dev.handoff.content;

import java.util.List;
import java.util.TreeSet;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;
import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InputBounds;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.sla.BusinessTime;

/** The steps of processes/monthly-digest.bpmn, each bean named as the diagram's element template calls it. */
@Configuration
class DigestSteps {

    static final String MONTH = "digestMonth";
    static final String CONTENTS = "digestContents";
    static final String FOCUS_TOPIC = "focusTopic";
    static final String NOTE = "digestNote";
    static final String DIGEST_ID = "digestId";
    static final String WRITTEN_BY = "digestWrittenBy";
    /** Who receives the digest: every member of these groups, once. */
    static final List<String> RECIPIENT_GROUPS = List.of(Groups.SDR, Groups.AE, Groups.SALES_MANAGERS);
    /** A process variable of type String holds at most 4,000 characters. */
    private static final int CONTENTS_LENGTH = 3_900;
    private static final int LISTED = 10;

    private final Digests digests;
    private final BusinessTime businessTime;
    private final Notifier notifier;
    private final IdentityService identity;

    DigestSteps(Digests digests, BusinessTime businessTime, Notifier notifier, IdentityService identity) {
        this.digests = digests;
        this.businessTime = businessTime;
        this.notifier = notifier;
        this.identity = identity;
    }

    /** Gathers the month's assets and events into the text content marketing sees in its task and sales receive. */
    @Bean
    JavaDelegate gatherDigest() {
        return execution -> {
            Digests.Contents contents = digests.gather(EngineClock.today(businessTime.hours().zone()));
            execution.setVariable(MONTH, contents.month().toString());
            execution.setVariable(CONTENTS, render(contents));
        };
    }

    /** Archives the issue in the hub, with the focus topic and note content marketing wrote. */
    @Bean
    JavaDelegate archiveDigest() {
        return execution -> {
            String topic = text(execution, FOCUS_TOPIC);
            String note = text(execution, NOTE);
            List<FieldProblem> problems = new java.util.ArrayList<>();
            if (topic == null) {
                problems.add(new FieldProblem(FOCUS_TOPIC, "is required"));
            } else if (topic.length() > 200 || !InputBounds.storable(topic)) {
                problems.add(new FieldProblem(FOCUS_TOPIC, "must be at most 200 characters of text"));
            }
            if (note != null && (note.length() > 2000 || !InputBounds.storable(note))) {
                problems.add(new FieldProblem(NOTE, "must be at most 2,000 characters of text"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            String month = (String) execution.getVariable(MONTH);
            long id = digests.archive(month, execution.getProcessInstanceId(), topic, note, subject(month, topic),
                    body(execution), recipients().size(), (String) execution.getVariable(WRITTEN_BY));
            execution.setVariable(DIGEST_ID, id);
        };
    }

    /** Mails the issue to every member of sdr, ae and sales-managers, once each. */
    @Bean
    JavaDelegate sendDigest() {
        return execution -> {
            String subject = subject((String) execution.getVariable(MONTH), text(execution, FOCUS_TOPIC));
            String body = body(execution);
            recipients().forEach(user -> notifier.notify(user, subject, body));
        };
    }

    @Bean
    org.camunda.bpm.engine.delegate.TaskListener recordDigestWriter() {
        return task -> task.getExecution().setVariable(WRITTEN_BY, task.getAssignee());
    }

    private TreeSet<String> recipients() {
        TreeSet<String> users = new TreeSet<>();
        RECIPIENT_GROUPS.forEach(group -> identity.createUserQuery().memberOfGroup(group).list().stream()
                .map(User::getId).forEach(users::add));
        return users;
    }

    private static String subject(String month, String topic) {
        return "Sales digest " + month + ": " + topic;
    }

    private static String body(DelegateExecution execution) {
        String note = text(execution, NOTE);
        return "Focus of the month: " + text(execution, FOCUS_TOPIC) + "\n\n" + (note == null ? "" : note + "\n\n")
                + execution.getVariable(CONTENTS);
    }

    static String render(Digests.Contents contents) {
        StringBuilder text = new StringBuilder();
        text.append("New in the content hub (").append(contents.lookedBackOn()).append("):\n");
        list(text, contents.newAssets().stream().map(a -> "- " + a.title() + " (" + ContentTypes.label(a.type())
                + "): " + a.link()).toList(), "- nothing new");
        text.append("\nBest rated last month:\n");
        list(text, contents.bestRated().stream().map(a -> "- " + a.title() + ", " + a.averageUsefulness()
                + " of 5: " + a.link()).toList(), "- no ratings");
        text.append("\nUpcoming events:\n");
        list(text, contents.events().stream().map(e -> "- " + e.startsOn() + " " + e.name() + ": " + e.link())
                .toList(), "- none planned");
        return text.length() <= CONTENTS_LENGTH ? text.toString()
                : text.substring(0, CONTENTS_LENGTH - 40) + "\n… and more in the content hub";
    }

    private static void list(StringBuilder text, List<String> lines, String none) {
        if (lines.isEmpty()) {
            text.append(none).append('\n');
        }
        lines.stream().limit(LISTED).forEach(line -> text.append(line).append('\n'));
        if (lines.size() > LISTED) {
            text.append("- and ").append(lines.size() - LISTED).append(" more in the content hub\n");
        }
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

}
