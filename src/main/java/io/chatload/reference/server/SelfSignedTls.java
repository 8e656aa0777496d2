package io.chatload.reference.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the reference target: a certificate for {@code localhost} generated at start, so https
 * and wss can be tested with nothing installed. Clients trust it through {@link #clientContext()}.
 */
public final class SelfSignedTls {
  public static final String HOST = "localhost";

  private final X509Certificate certificate;
  private final SslContext serverContext;

  private SelfSignedTls(X509Certificate certificate, SslContext serverContext) {
    this.certificate = certificate;
    this.serverContext = serverContext;
  }

  public static SelfSignedTls generate() {
    try {
      @SuppressWarnings("deprecation") // the one-call generator is enough for a test server
      SelfSignedCertificate cert = new SelfSignedCertificate(HOST);
      SslContext server = SslContextBuilder.forServer(cert.certificate(), cert.privateKey()).build();
      X509Certificate x509 = cert.cert();
      cert.delete(); // the key material lives on in the contexts, not on disk
      return new SelfSignedTls(x509, server);
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate a self-signed certificate for the reference target: " + e.getMessage(), e);
    }
  }

  public SslContext serverContext() {
    return serverContext;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A JDK client context that trusts this certificate (and nothing else). */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("reference-target", certificate);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a client context trusting the reference target: " + e.getMessage(), e);
    }
  }
}
