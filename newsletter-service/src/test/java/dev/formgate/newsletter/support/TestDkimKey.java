package dev.formgate.newsletter.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The operator's DKIM key of the test context: made once per JVM, its public half for the tests that verify. */
public final class TestDkimKey {

	public static final KeyPair KEY;

	static {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KEY = generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private TestDkimKey() {
	}

	/** The private key as an operator configures it: PKCS#8 in PEM. */
	public static String privateKeyPem() {
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(KEY.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
	}
}
