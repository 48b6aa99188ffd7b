/** The OpenAPI description every servlet service serves: admin token scheme with roles, problem responses. */
package dev.formgate.apidocs;
