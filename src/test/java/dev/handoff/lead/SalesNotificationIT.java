package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import dev.handoff.sla.BusinessTime;
import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.LeadProcesses;

/** The SLA ladder's emails, received by a real SMTP server. */
@IntegrationTest
class SalesNotificationIT {

    @Autowired
    GreenMail smtp;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    BusinessTime businessTime;

    @Test
    void assignmentReminderBreachAndEscalationAreMailed() throws Exception {
        String number = Api.as(port, "intake").post("/api/leads", LeadApiIT.vp(null)).json().path("number").asText();
        ProcessInstance instance = LeadProcesses.stage(engine.getRuntimeService(), number);
        String first = (String) engine.getRuntimeService().getVariable(instance.getId(), LeadVariables.OWNER);

        assertThat(awaitMail(first + "@handoff.example", "New lead to accept: Vera Vice")).isTrue();
        // The deadline reads in the business-hours zone and names it, whatever day the test runs.
        Date due = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult()
                .getDueDate();
        assertThat(body(first + "@handoff.example", "New lead to accept: Vera Vice"))
                .contains("in Tasklist by " + readable(due) + ".");

        execute(instance, "Event_AcceptReminderDue");
        assertThat(awaitMail(first + "@handoff.example", "Reminder: Vera Vice")).isTrue();
        assertThat(body(first + "@handoff.example", "Reminder: Vera Vice"))
                .isEqualTo("Accept or reject Vera Vice by " + readable(due));

        execute(instance, "Event_AcceptSlaBreached");
        assertThat(awaitMail(first + "@handoff.example", "SLA breached: Vera Vice")).isTrue();
        // A first breach leaves the stage to route the lead again: a new stage instance for the next rep.
        instance = LeadProcesses.stage(engine.getRuntimeService(), number);
        String second = (String) engine.getRuntimeService().getVariable(instance.getId(), LeadVariables.OWNER);
        assertThat(awaitMail(second + "@handoff.example", "New lead to accept: Vera Vice")).isTrue();

        execute(instance, "Event_AcceptSlaBreached");
        assertThat(awaitMail("sally@handoff.example", "Overdue lead: Vera Vice")).isTrue();
    }

    private void execute(ProcessInstance instance, String activityId) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(activityId).singleResult();
        Api.Response executed = Api.as(port, "admin").post("/engine-rest/job/" + job.getId() + "/execute", Map.of());
        assertThat(executed.status()).as(executed.body()).isEqualTo(204);
    }

    private String readable(Date moment) {
        ZoneId zone = businessTime.hours().zone();
        return moment.toInstant().atZone(zone).format(DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm",
                Locale.ENGLISH)) + " (" + zone.getId() + ")";
    }

    /** The text of the first mail to {@code to} with that subject. */
    private String body(String to, String subject) throws Exception {
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList()
                    .contains(to) && ("[Handoff] " + subject).equals(message.getSubject())) {
                return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("\r\n", "\n").trim();
            }
        }
        throw new AssertionError("No mail '" + subject + "' to " + to);
    }

    /** Mail goes out after the commit, so it may trail the HTTP response by a moment. */
    private boolean awaitMail(String to, String subject) throws Exception {
        for (int i = 0; i < 50; i++) {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                List<String> recipients = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .map(Object::toString).toList();
                if (recipients.contains(to) && ("[Handoff] " + subject).equals(message.getSubject())) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }
}
