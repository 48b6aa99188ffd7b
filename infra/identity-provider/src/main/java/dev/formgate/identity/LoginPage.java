package dev.formgate.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/** The sign-in form: labelled fields, German and English, an error tied to the fields, no script. */
@Controller
class LoginPage {

	private static final String STYLE = """
			body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
			main{max-width:26rem;margin:3rem auto;padding:0 1rem}
			label{display:block;font-weight:600;margin-top:1rem}
			input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:2px solid #4a4a4a;border-radius:4px}
			button{font:inherit;margin-top:1.5rem;padding:.6rem 1.4rem;background:#0b4f8a;color:#fff;border:0;border-radius:4px}
			:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
			.error{color:#a00000;font-weight:600}
			""";

	@GetMapping(path = "/login.css", produces = "text/css")
	@ResponseBody
	String style() {
		return STYLE;
	}

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String page(HttpServletRequest request) {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		boolean failed = request.getParameter("error") != null;
		String error = failed ? """
				<p class="error" id="login-error" role="alert">Benutzername oder Passwort ist falsch.
				<span lang="en">The user name or password is wrong.</span></p>""" : "";
		String described = failed ? " aria-describedby=\"login-error\" aria-invalid=\"true\"" : "";
		return """
				<!doctype html>
				<html lang="de"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<link rel="stylesheet" href="/login.css">
				<title>Anmelden – Formgate (lokaler Identitätsanbieter)</title></head>
				<body><main>
				<h1>Anmelden <span lang="en">/ Sign in</span></h1>
				<p>Lokaler Identitätsanbieter von Formgate. <span lang="en">Formgate's local identity provider.</span></p>
				%s
				<form method="post" action="/login">
				<label for="username">Benutzername <span lang="en">/ User name</span></label>
				<input id="username" name="username" autocomplete="username" required%s>
				<label for="password">Passwort <span lang="en">/ Password</span></label>
				<input id="password" name="password" type="password" autocomplete="current-password" required%s>
				<input type="hidden" name="%s" value="%s">
				<button type="submit">Anmelden <span lang="en">/ Sign in</span></button>
				</form></main></body></html>
				""".formatted(error, described, described, HtmlUtils.htmlEscape(csrf.getParameterName()),
				HtmlUtils.htmlEscape(csrf.getToken()));
	}
}
