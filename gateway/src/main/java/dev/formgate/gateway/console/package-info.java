/** The staff console: sign-in with the organisation's OpenID Connect provider, sessions, and the console's pages. */
package dev.formgate.gateway.console;
