package dev.handoff.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
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
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The notifier against a real SMTP server (GreenMail) and a real identity service: an in-memory engine of its
 * own, named apart from the application's so that the two never meet in the engine registry.
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
    void anSmtpOutageNeverReachesTheCaller() throws Exception {
        int closedPort = freePort();
        notifier(closedPort).notify("sam", "Draft ready", "Nobody will get this.");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void withoutAMailHostItOnlyLogs() {
        new Notifier(identity, new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                "handoff@test.example").notify("sam", "Draft ready", "Logged only.");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void unknownUsersAndUsersWithoutAddressAreSkipped() {
        Notifier notifier = notifier(PORT);
        notifier.notify("nomail", "Hello", "No address.");
        notifier.notify("ghost", "Hello", "Unknown.");
        notifier.notify(null, "Hello", "Nobody.");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void inATransactionTheMailLeavesOnlyAfterTheCommit() {
        TransactionSynchronizationManager.initSynchronization();
        notifier(PORT).notify("sam", "Published", "Your content is in the hub.");
        assertThat(smtp.getReceivedMessages()).as("nothing before the commit").isEmpty();

        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        synchronizations.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
        assertThat(smtp.getReceivedMessages()).as("nothing after a rollback").isEmpty();

        synchronizations.forEach(TransactionSynchronization::afterCommit);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    private Notifier notifier(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.setJavaMailProperties(new java.util.Properties());
        sender.getJavaMailProperties().putAll(Map.of("mail.smtp.connectiontimeout", "2000", "mail.smtp.timeout", "2000"));
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("mailSender", sender));
        return new Notifier(identity, beans.getBeanProvider(JavaMailSender.class), "handoff@test.example");
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
