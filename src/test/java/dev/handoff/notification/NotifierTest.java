package dev.handoff.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import dev.handoff.event.OutboxFixture;

/**
 * The notifier against a real SMTP server (GreenMail), a real identity service (an in-memory engine of its
 * own, named apart from the application's so that the two never meet in the engine registry) and the outbox on a
 * database of its own, whose clock the test moves.
 */
class NotifierTest {

    static final int PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", "smtp"));

    static ProcessEngine engine;
    static IdentityService identity;

    @BeforeAll
    static void people() {
        var configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration().setProcessEngineName("notifier-test")
                .setJdbcUrl("jdbc:h2:mem:notifier-test;DB_CLOSE_DELAY=-1").setJobExecutorActivate(false)
                .setHistory(ProcessEngineConfiguration.HISTORY_NONE);
        // Group ids with hyphens, as application.yaml allows.
        configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*");
        engine = configuration.buildProcessEngine();
        identity = engine.getIdentityService();
        user("sam", "sam@handoff.example");
        user("sally", "sally@handoff.example");
        user("nomail", null);
        user("steve", "steve@handoff.example");
        identity.saveGroup(identity.newGroup("sales-managers"));
        for (String member : List.of("sally", "sam", "nomail")) {
            identity.createMembership(member, "sales-managers");
        }
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @AfterEach
    void clearSynchronization() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void mailsTheUserAtTheAddressTheIdentityServiceKnows() throws Exception {
        notifier(PORT).notify("sam", "Draft ready", "Please review it.");

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("sam@handoff.example");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("handoff@test.example");
        assertThat(received[0].getSubject()).isEqualTo("[Handoff] Draft ready");
        assertThat(GreenMailUtil.getBody(received[0])).contains("Please review it.");
    }

    @Test
    void aGroupGetsOneMailPerMemberWithAnAddress() throws Exception {
        notifier(PORT).notifyGroup("sales-managers", "Escalation", "A review is late.");

        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(NotifierTest::recipient))
                .containsExactlyInAnyOrder("sally@handoff.example", "sam@handoff.example");
    }

    @Test
    void anSmtpOutageDelaysTheMailUntilTheServerIsBack() throws Exception {
        OutboxFixture outbox = outbox(PORT);
        smtp.stop();
        try {
            notifier(outbox).notify("sam", "Draft ready", "You will get this once SMTP is back.");
            assertThat(outbox.rows("PENDING")).as("kept for the next attempt").isEqualTo(1);
            assertThat(outbox.deliverDue()).as("not due again before its wait").isZero();
            outbox.clock().advance(Duration.ofSeconds(1));
            assertThat(outbox.deliverDue()).as("tried again, still down").isOne();
            assertThat(outbox.rows("PENDING")).isEqualTo(1);
        } finally {
            smtp.start();
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
        outbox.clock().advance(Duration.ofMinutes(1));
        outbox.deliverAll();
        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(GreenMailUtil.getBody(m)).contains("once SMTP is back"));
        assertThat(outbox.rows("DELIVERED")).isEqualTo(1);
    }

    @Test
    void withoutAMailHostItOnlyLogs() {
        OutboxFixture outbox = new OutboxFixture(Map.of(), null);
        new Notifier(identity, outbox.outbox()).notify("sam", "Draft ready", "Logged only.");
        outbox.deliverAll();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(outbox.rows("PENDING") + outbox.rows("DELIVERED")).isZero();
    }

    @Test
    void unknownUsersAndUsersWithoutAddressAreSkipped() {
        OutboxFixture outbox = outbox(PORT);
        Notifier notifier = notifier(outbox);
        notifier.notify("nomail", "Hello", "No address.");
        notifier.notify("ghost", "Hello", "Unknown.");
        notifier.notify(null, "Hello", "Nobody.");
        outbox.deliverAll();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void inATransactionTheMailLeavesOnlyAfterTheCommitAndNeverAfterARollback() {
        OutboxFixture outbox = outbox(PORT);
        Notifier notifier = notifier(outbox);
        outbox.transaction().executeWithoutResult(status -> {
            notifier.notify("sam", "Rolled back", "Nobody gets this.");
            status.setRollbackOnly();
        });
        outbox.transaction().executeWithoutResult(status -> {
            notifier.notify("sam", "Published", "Your content is in the hub.");
            assertThat(smtp.getReceivedMessages()).as("nothing before the commit").isEmpty();
        });
        assertThat(smtp.getReceivedMessages()).as("tried right after the commit")
                .extracting(MimeMessage::getSubject).containsExactly("[Handoff] Published");
        outbox.deliverAll();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    private Notifier notifier(int port) {
        return notifier(outbox(port));
    }

    private Notifier notifier(OutboxFixture outbox) {
        return new Notifier(identity, outbox.outbox());
    }

    private OutboxFixture outbox(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.setJavaMailProperties(new java.util.Properties());
        sender.getJavaMailProperties().putAll(Map.of("mail.smtp.connectiontimeout", "2000", "mail.smtp.timeout", "2000"));
        return new OutboxFixture(Map.of(), sender);
    }

    private static void user(String id, String email) {
        User user = identity.newUser(id);
        user.setEmail(email);
        user.setPassword(id + "-secret");
        identity.saveUser(user);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
