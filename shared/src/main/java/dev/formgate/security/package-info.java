/** Admin and staff authentication: the bearer JWT every service and the gateway check, its roles and its issuer. */
package dev.formgate.security;
