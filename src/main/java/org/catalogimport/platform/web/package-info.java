/**
 * Web glue shared by every door: which address a request comes from ({@link
 * org.catalogimport.platform.web.ClientAddress}, honouring {@code X-Forwarded-For} only from trusted
 * proxies) and how long a console session lives.
 */
package org.catalogimport.platform.web;
