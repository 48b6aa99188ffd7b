/** A real OpenID Connect provider for the local stack and the tests (Spring Authorization Server). */
package dev.formgate.identity;
