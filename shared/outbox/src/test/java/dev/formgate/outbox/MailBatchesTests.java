package dev.formgate.outbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailBatchesTests {

	final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
	final JavaMailSenderImpl sender = new JavaMailSenderImpl();
	final MailBatches batches;

	MailBatchesTests() {
		smtp.start();
		sender.setHost("127.0.0.1");
		sender.setPort(smtp.getSmtp().getPort());
		batches = new MailBatches(sender, CircuitBreaker.ofDefaults("smtp"));
	}

	@AfterEach
	void stop() {
		smtp.stop();
	}

	List<MimeMessage> mails(int count) {
		return IntStream.range(0, count).mapToObj(i -> {
			try {
				MimeMessage message = sender.createMimeMessage();
				message.setFrom(new InternetAddress("news@formgate.example"));
				message.setRecipients(MimeMessage.RecipientType.TO, "to-" + i + "@example.org");
				message.setSubject("mail " + i);
				message.setText("body");
				message.saveChanges();
				message.setHeader("Message-ID", RelayWrites.messageId("entry-" + i, message));
				return message;
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	@Test
	void namesTheStreamProviderSoJakartaMailSkipsItsServiceLoaderScan() {
		assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo(
				org.eclipse.angus.mail.util.MailStreamProvider.class.getName());
		assertThat(jakarta.mail.util.StreamProvider.provider())
			.isInstanceOf(org.eclipse.angus.mail.util.MailStreamProvider.class);
	}

	@Test
	void reportsEachMailBeforeTheNextGoesOut() {
		List<Integer> receivedWhenReported = new ArrayList<>();

		var delivered = batches.send(mails(3), m -> receivedWhenReported.add(smtp.getReceivedMessages().length));

		assertThat(delivered.notSent()).isEmpty();
		assertThat(delivered.unavailable()).isFalse();
		assertThat(receivedWhenReported).containsExactly(1, 2, 3);
	}

	@Test
	void sendsTheMessageIdDerivedFromTheOutboxEntry() throws Exception {
		batches.send(mails(2), m -> {
		});

		assertThat(Arrays.stream(smtp.getReceivedMessages()).map(m -> {
			try {
				return m.getMessageID();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		})).containsExactly("<entry-0@formgate.example>", "<entry-1@formgate.example>");
	}

	@Test
	void sendsASavedMessageAsItIsWithoutFormattingItAgain() throws Exception {
		int[] saves = new int[1];
		MimeMessage message = new MimeMessage(sender.getSession()) {
			@Override
			protected void updateHeaders() throws jakarta.mail.MessagingException {
				saves[0]++;
				super.updateHeaders();
			}
		};
		message.setFrom(new InternetAddress("news@formgate.example"));
		message.setRecipients(MimeMessage.RecipientType.TO, "saved@example.org");
		message.setText("body");
		message.saveChanges();
		message.setHeader("Message-ID", RelayWrites.messageId("saved", message));

		batches.send(List.of(message), m -> {
		});

		assertThat(saves[0]).as("saved once, by its composer").isEqualTo(1);
		assertThat(smtp.getReceivedMessages()).singleElement()
			.satisfies(m -> assertThat(m.getMessageID()).isEqualTo("<saved@formgate.example>"));
	}

	@Test
	void savesAMessageItsComposerDidNotSaveKeepingItsMessageId() throws Exception {
		MimeMessage message = sender.createMimeMessage();
		message.setFrom(new InternetAddress("news@formgate.example"));
		message.setRecipients(MimeMessage.RecipientType.TO, "unsaved@example.org");
		message.setText("body");
		message.setHeader("Message-ID", RelayWrites.messageId("unsaved", message));

		batches.send(List.of(message), m -> {
		});

		assertThat(smtp.getReceivedMessages()).singleElement().satisfies(m -> {
			assertThat(m.getMessageID()).isEqualTo("<unsaved@formgate.example>");
			assertThat(m.getSentDate()).isNotNull();
		});
	}

	@Test
	void sendsNothingMoreOnceAMailCannotBeMarkedSent() {
		List<MimeMessage> batch = mails(3);

		assertThatThrownBy(() -> batches.send(batch, m -> {
			if (m == batch.get(1)) {
				throw new IllegalStateException("store down");
			}
		})).hasMessage("store down");
		assertThat(smtp.getReceivedMessages()).hasSize(2);
	}

	@Test
	void returnsTheWholeBatchAsUnavailableWhileTheServerIsDown() {
		List<MimeMessage> batch = mails(2);
		smtp.stop();

		var delivered = batches.send(batch, m -> {
		});

		assertThat(delivered.notSent()).containsExactlyInAnyOrderElementsOf(batch);
		assertThat(delivered.unavailable()).isTrue();
	}

	@Test
	void sendsTheNextBatchOverTheConnectionTheLastOneLeftOpen() {
		batches.send(mails(2), m -> {
		});
		assertThat(batches.idleConnections()).isEqualTo(1);

		var delivered = batches.send(mails(2), m -> {
		});

		assertThat(delivered.notSent()).isEmpty();
		assertThat(smtp.getReceivedMessages()).hasSize(4);
		assertThat(batches.idleConnections()).as("the second batch took the open connection").isEqualTo(1);
	}

	@Test
	void opensANewConnectionWhenTheServerClosedTheOpenOne() {
		int port = smtp.getSmtp().getPort();
		batches.send(mails(1), m -> {
		});
		smtp.stop();
		GreenMail restarted = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		restarted.start();
		try {
			var delivered = batches.send(mails(2), m -> {
			});

			assertThat(delivered.notSent()).isEmpty();
			assertThat(restarted.getReceivedMessages()).hasSize(2);
			assertThat(batches.idleConnections()).isEqualTo(1);
		}
		finally {
			restarted.stop();
		}
	}

	@Test
	void neverSendsOverAnOpenConnectionToAServerTheSenderNoLongerNames() {
		batches.send(mails(1), m -> {
		});
		GreenMail other = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		other.start();
		try {
			sender.setPort(other.getSmtp().getPort());

			var delivered = batches.send(mails(2), m -> {
			});

			assertThat(delivered.notSent()).isEmpty();
			assertThat(other.getReceivedMessages()).hasSize(2);
			assertThat(smtp.getReceivedMessages()).hasSize(1);
		}
		finally {
			other.stop();
		}
	}

	@Test
	void closesTheConnectionOfABatchWhoseConnectionFailed() {
		batches.send(mails(1), m -> {
		});
		smtp.stop();

		var delivered = batches.send(mails(1), m -> {
		});

		assertThat(delivered.unavailable()).isTrue();
		assertThat(batches.idleConnections()).isZero();
	}
}
