/** Newsletter sign-up with double opt-in, proof of consent and unsubscribe in one click. */
package dev.formgate.newsletter;
