package dev.formgate.erasure;

import dev.formgate.erasure.support.ErasureServiceTest;
import dev.formgate.security.AdminRoles;
import dev.formgate.testing.AdminApiSecurityContract;

import java.util.List;

/** Only holders of the privacy-admin role reach the ledger and the registry; the service checks the token itself. */
@ErasureServiceTest
class SecurityIntegrationTests extends AdminApiSecurityContract {

	static final String API = "/api/admin/privacy-requests";
	static final String ID = "/5f0c6a53-0000-4000-8000-000000000000";

	@Override
	protected String role() {
		return AdminRoles.PRIVACY_ADMIN;
	}

	/** Every call, on a request id that need not exist: authorisation comes before lookup. */
	@Override
	protected List<Call> calls() {
		return List.of(new Call("GET", API, null), new Call("GET", "/api/admin/inventory", null),
				new Call("POST", API, "{\"type\":\"ERASURE\",\"email\":\"a@example.org\",\"receivedVia\":\"EMAIL\"}"),
				new Call("GET", API + ID, null),
				new Call("POST", API + ID + "/extension", "{\"months\":1,\"reason\":\"x\"}"),
				new Call("POST", API + ID + "/cancellation", "{\"reason\":\"x\"}"),
				new Call("GET", API + ID + "/receipt", null), new Call("GET", API + ID + "/export", null));
	}
}
