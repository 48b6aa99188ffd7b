/** Admin token checks per route, CORS for the configured websites, and the security headers of every answer. */
package dev.formgate.gateway.security;
