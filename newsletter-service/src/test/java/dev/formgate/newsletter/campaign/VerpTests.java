package dev.formgate.newsletter.campaign;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-recipient token: round trip, no address in it, forgeries and other keys refused, found in a bounce. */
class VerpTests {

	final Verp verp = new Verp("a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8));
	final String subscription = UUID.randomUUID().toString();
	final String campaign = Base32.randomId(8);

	@Test
	void namesSubscriptionAndCampaignIn48LowerCaseCharacters() {
		String token = verp.token(subscription, campaign);

		assertThat(token).hasSize(Verp.LENGTH).matches("[a-z2-7]+");
		assertThat(("bounces+" + token).length()).isLessThanOrEqualTo(64);
		assertThat(verp.parse(token)).contains(new Verp.Handle(subscription, campaign));
		assertThat(verp.parse(token.toUpperCase())).as("a mail system that folds the case")
			.contains(new Verp.Handle(subscription, campaign));
	}

	@Test
	void isTheSameOnEveryAttempt() {
		assertThat(verp.token(subscription, campaign)).isEqualTo(verp.token(subscription, campaign));
	}

	@Test
	void refusesAlteredTokensAndThoseOfAnotherKey() {
		String token = verp.token(subscription, campaign);
		char flipped = token.charAt(10) == 'a' ? 'b' : 'a';

		assertThat(verp.parse(token.substring(0, 10) + flipped + token.substring(11))).isEmpty();
		assertThat(new Verp("another-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8))
			.parse(token)).isEmpty();
		assertThat(verp.parse("short")).isEmpty();
		assertThat(verp.parse(null)).isEmpty();
	}

	@Test
	void findsTheTokenInABouncesAddressesOrQuotedHeaders() {
		String token = verp.token(subscription, campaign);
		String bounce = "To: bounces+" + token.toUpperCase() + "@formgate.localhost\r\n\r\nMessage-ID: <" + token
				+ "@formgate.localhost>";

		assertThat(verp.find(bounce)).contains(new Verp.Handle(subscription, campaign));
		assertThat(verp.find("Final-Recipient: rfc822; someone@example.org")).isEmpty();
	}
}
