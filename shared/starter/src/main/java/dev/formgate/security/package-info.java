/** The servlet services' side of admin authentication: their security filter chain over the shared token checks. */
package dev.formgate.security;
