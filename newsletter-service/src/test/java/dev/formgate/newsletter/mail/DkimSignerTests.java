package dev.formgate.newsletter.mail;

import dev.formgate.newsletter.support.DkimVerifier;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** DKIM signatures that a receiver's check accepts, and that fail once a signed part is changed. */
class DkimSignerTests {

	static final KeyPair KEY = key();
	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T07:00:00Z"), ZoneOffset.UTC);

	static KeyPair key() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	static String pem() {
		return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(KEY.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----";
	}

	static MimeMessage mail() throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress("Formgate Newsletter <newsletter@formgate.example>"));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("anna@example.org"));
		message.setSubject("Neues  aus dem\tRathaus: Öffnungszeiten", StandardCharsets.UTF_8.name());
		message.setSentDate(java.util.Date.from(CLOCK.instant()));
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Die Bibliothek öffnet.   \n\nMit  Grüßen\n\n\n", StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText("<p>Die <strong>Bibliothek</strong> öffnet.</p>", StandardCharsets.UTF_8.name(), "html");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		message.saveChanges();
		message.setHeader("List-Unsubscribe", "<https://formgate.example/newsletter/unsubscribe?token=abc>, "
				+ "<mailto:bounces@formgate.example?subject=unsubscribe%20abc>");
		message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		return message;
	}

	static byte[] raw(MimeMessage message) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return out.toByteArray();
	}

	@Test
	void signsSoThatAReceiversCheckHolds() throws Exception {
		MimeMessage message = mail();
		DkimSigner.of("formgate.example", "2026", pem(), CLOCK).sign(message);

		assertThat(DkimVerifier.failure(raw(message), KEY.getPublic())).isNull();
		assertThat(message.getHeader("DKIM-Signature", null)).startsWith("v=1; a=rsa-sha256; c=relaxed/relaxed; "
				+ "d=formgate.example; s=2026; t=" + CLOCK.instant().getEpochSecond() + "; h=from:to:subject:date:")
			.contains(":list-unsubscribe:list-unsubscribe-post;");
	}

	@Test
	void aChangedBodyOrUnsubscribeHeaderOrAnotherKeyFailsTheCheck() throws Exception {
		DkimSigner signer = DkimSigner.of("formgate.example", "2026", pem(), CLOCK);
		MimeMessage message = mail();
		signer.sign(message);
		String signed = new String(raw(message), StandardCharsets.ISO_8859_1);

		assertThat(DkimVerifier.failure(signed.replace("strong", "em").getBytes(StandardCharsets.ISO_8859_1),
				KEY.getPublic())).isEqualTo("body hash differs");
		assertThat(DkimVerifier.failure(signed.replace("token=abc>", "token=evil>").getBytes(
				StandardCharsets.ISO_8859_1), KEY.getPublic())).isEqualTo("signature does not verify");
		assertThat(DkimVerifier.failure(signed.getBytes(StandardCharsets.ISO_8859_1), key().getPublic()))
			.isEqualTo("signature does not verify");
	}

	@Test
	void canonicalizesRelaxedAsTheRfcSays() {
		// RFC 6376 §3.4.5's example
		assertThat(DkimSigner.canonicalHeader("A", " X\r\n")).isEqualTo("a:X");
		assertThat(DkimSigner.canonicalHeader("B ", " Y\t\r\n\tZ  \r\n")).isEqualTo("b:Y Z");
		assertThat(DkimSigner.canonicalBody(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
		assertThat(DkimSigner.canonicalBody("")).isEmpty();
	}

	@Test
	void refusesAKeyThatIsNotOne() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> DkimSigner.of("formgate.example", "2026",
				"-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----", CLOCK))
			.isInstanceOf(IllegalStateException.class).hasMessageNotContaining("not a key");
	}
}
