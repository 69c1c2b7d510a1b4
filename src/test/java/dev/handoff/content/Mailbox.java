package dev.handoff.content;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server (GreenMail) on a free local port, and what it received, per recipient. */
final class Mailbox {

    static final int PORT = freePort();

    static GreenMailExtension server() {
        return new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withPerMethodLifecycle(false);
    }

    /** Subject and body of every mail to {@code user@handoff.example}, waiting a little for mails sent after commit. */
    static List<String> mailsTo(GreenMailExtension server, String user) {
        server.waitForIncomingEmail(1500, 1);
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> recipients(m).contains(user + "@handoff.example"))
                .map(m -> subject(m) + "\n" + GreenMailUtil.getBody(m).replace("=\r\n", "").replace("\r\n", "\n"))
                .toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
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

    private Mailbox() {
    }
}
