package dev.formgate.events;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals personal data that must cross Kafka (a corrected address, a store's access export) with AES-256-GCM under a
 * key derived for the one request from the services' shared transport key ({@code FORMGATE_TRANSPORT_KEY}). Kafka
 * holds only ciphertext; the request id is bound in as associated data, so a sealed value does not open under another
 * request.
 */
public final class TransportSeal {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final int NONCE_BYTES = 12;

	private final byte[] transportKey;

	public TransportSeal(byte[] transportKey) {
		if (transportKey.length < 32) {
			throw new IllegalArgumentException("the transport key needs at least 32 bytes");
		}
		this.transportKey = transportKey.clone();
	}

	public String seal(PrivacyRequestId request, String plaintext) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			RANDOM.nextBytes(nonce);
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, request, nonce);
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding()
				.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("cannot seal", e);
		}
	}

	/** The plaintext; throws if the value was not sealed for this request with this key, or was altered. */
	public String open(PrivacyRequestId request, String sealed) {
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(sealed);
			byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, request, nonce);
			return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new IllegalArgumentException("not sealed for this request", e);
		}
	}

	private Cipher cipher(int mode, PrivacyRequestId request, byte[] nonce) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(transportKey, "HmacSHA256"));
		byte[] requestKey = mac.doFinal(("formgate-transport-seal:" + request.value()).getBytes(StandardCharsets.UTF_8));
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, new SecretKeySpec(requestKey, "AES"), new GCMParameterSpec(128, nonce));
		cipher.updateAAD(request.value().getBytes(StandardCharsets.UTF_8));
		return cipher;
	}
}
