/** Admin and staff authentication: the bearer JWT every service and the gateway check, and its roles. */
package dev.formgate.security;
