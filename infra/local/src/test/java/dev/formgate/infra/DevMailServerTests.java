package dev.formgate.infra;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev mail server with its mailbox index: mails land in their addresses' mailboxes, readable and removable. */
class DevMailServerTests {

	private static DevMailServer server;
	private static int smtpPort;
	private static int imapPort;

	@BeforeAll
	static void start() throws IOException {
		smtpPort = freePort();
		imapPort = freePort();
		server = DevMailServer.start(smtpPort, imapPort, freePort());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void empty() {
		server.removeMailboxes();
		server.purge();
	}

	@Test
	void eachAddressReadsItsOwnMailsOverImapAmongMany() throws Exception {
		List<String> heard = new ArrayList<>();
		server.onDelivery(heard::add);
		send(numbered("many-", 300), "Hallo");
		send(List.of("many-7@example.org"), "Noch einmal");

		assertThat(heard).hasSize(301).contains("many-0@example.org", "many-299@example.org");
		assertThat(subjects("many-7@example.org")).containsExactly("Hallo", "Noch einmal");
		assertThat(subjects("many-8@example.org")).containsExactly("Hallo");
		assertThat(server.messages()).hasSize(301);
	}

	@Test
	void removingMailboxesKeepsOnlyTheBounceMailboxAndAnAddressGetsMailAgainAfterwards() throws Exception {
		send(numbered("gone-", 50), "Vorher");
		send(List.of(DevMailServer.BOUNCE_ADDRESS), "Unzustellbar");

		assertThat(server.removeMailboxes()).isEqualTo(50);

		assertThat(server.messages()).extracting(MimeMessage::getSubject).containsExactly("Unzustellbar");
		send(List.of("gone-3@example.org"), "Nachher");
		assertThat(subjects("gone-3@example.org")).containsExactly("Nachher");
		assertThat(server.removeMailboxes()).isEqualTo(1);
	}

	private static List<String> numbered(String prefix, int count) {
		return IntStream.range(0, count).mapToObj(i -> prefix + i + "@example.org").toList();
	}

	/** One mail to each address, over one connection. */
	private static void send(List<String> addresses, String subject) throws Exception {
		Properties settings = new Properties();
		settings.put("mail.smtp.host", "127.0.0.1");
		settings.put("mail.smtp.port", String.valueOf(smtpPort));
		Session session = Session.getInstance(settings);
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			for (String address : addresses) {
				MimeMessage message = new MimeMessage(session);
				message.setFrom(new InternetAddress("newsletter@formgate.localhost"));
				message.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
				message.setSubject(subject, "UTF-8");
				message.setText("Guten Tag", "UTF-8");
				message.saveChanges();
				transport.sendMessage(message, message.getAllRecipients());
			}
		}
	}

	private static List<String> subjects(String address) throws Exception {
		Properties settings = new Properties();
		settings.put("mail.imap.host", "127.0.0.1");
		settings.put("mail.imap.port", String.valueOf(imapPort));
		Store store = Session.getInstance(settings).getStore("imap");
		store.connect(address, address);
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			List<String> subjects = new ArrayList<>();
			for (Message message : inbox.getMessages()) {
				subjects.add(message.getSubject());
			}
			inbox.close(false);
			return subjects;
		}
		finally {
			store.close();
		}
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
