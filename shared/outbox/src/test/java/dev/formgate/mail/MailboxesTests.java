package dev.formgate.mail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxesTests {

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource({ "erika@example.org, erika@example.org", "Erika+news@Example.org, erika@example.org",
			"erika+a+b@example.org, erika@example.org", "e.rika@example.org, e.rika@example.org",
			"e.r.i.k.a+x@gmail.com, erika@gmail.com", "Erika@GoogleMail.com, erika@gmail.com",
			"+tag@example.org, +tag@example.org", "' erika@example.org ', erika@example.org" })
	void namesTheInboxAnAddressDeliversTo(String address, String inbox) {
		assertThat(Mailboxes.of(address)).isEqualTo(inbox);
	}
}
