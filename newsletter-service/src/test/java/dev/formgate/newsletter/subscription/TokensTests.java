package dev.formgate.newsletter.subscription;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTests {

	final Tokens tokens = new Tokens("a-link-secret-of-at-least-32-bytes-long");

	@Test
	void confirmationTokensCarry256RandomBitsAndNeverRepeat() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String token = Tokens.newConfirmationToken();
			assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
			assertThat(seen.add(token)).isTrue();
		}
	}

	@Test
	void storedHashIsSha256AndNotTheToken() {
		String token = Tokens.newConfirmationToken();

		assertThat(Tokens.hash(token)).hasSize(64).isNotEqualTo(token).isEqualTo(Tokens.hash(token));
	}

	@Test
	void unsubscribeCredentialVerifiesToItsSubscription() {
		String credential = tokens.unsubscribeCredential("3f1c9a52-5b5e-4a4b-9d2c-1d2e3f4a5b6c");

		assertThat(tokens.verifyUnsubscribeCredential(credential)).hasValue("3f1c9a52-5b5e-4a4b-9d2c-1d2e3f4a5b6c");
	}

	@Test
	void rejectsCredentialsForAnotherSubscriptionOrWithAnotherKey() {
		String credential = tokens.unsubscribeCredential("subscription-a");
		String signature = credential.substring(credential.lastIndexOf('.'));

		assertThat(tokens.verifyUnsubscribeCredential("subscription-b" + signature)).isEmpty();
		assertThat(new Tokens("another-link-secret-of-32-bytes-or-more").verifyUnsubscribeCredential(credential))
			.isEmpty();
	}

	@Test
	void rejectsMalformedCredentials() {
		assertThat(tokens.verifyUnsubscribeCredential(null)).isEmpty();
		assertThat(tokens.verifyUnsubscribeCredential("")).isEmpty();
		assertThat(tokens.verifyUnsubscribeCredential("no-dot")).isEmpty();
		assertThat(tokens.verifyUnsubscribeCredential(".onlysignature")).isEmpty();
		assertThat(tokens.verifyUnsubscribeCredential("id.not*base64")).isEmpty();
		assertThat(tokens.verifyUnsubscribeCredential("id." + "A".repeat(300))).isEmpty();
	}
}
