package io.unitrace.ledger;

import io.unitrace.ledger.domain.HashChain;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs checkpoints with the installation's Ed25519 key (plain {@code java.security}, no Spring),
 * and checks a signature against its public key. The private key is held as PKCS#8 (base64); the
 * public key is derived from it, published as X.509 SubjectPublicKeyInfo (base64), and named by its
 * reference: the first 16 hex digits of the SHA-256 of that encoding.
 */
final class LedgerSigner {

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String ref;

  private LedgerSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.ref = HashChain.hex(HashChain.sha256().digest(publicKey.getEncoded())).substring(0, 16);
  }

  /** A new private key, PKCS#8 in base64. */
  static String newPrivateKey() {
    try {
      return Base64.getEncoder()
          .encodeToString(
              KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signer of a PKCS#8 (base64) Ed25519 private key; refuses anything else. */
  static LedgerSigner fromBase64(String pkcs8) {
    byte[] encoded;
    try {
      encoded = Base64.getMimeDecoder().decode(pkcs8.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the ledger signing key is not base64", e);
    }
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(encoded));
      byte[] seed =
          ((EdECPrivateKey) key)
              .getBytes()
              .orElseThrow(() -> new IllegalArgumentException("the key has no private part"));
      // The JDK derives an Ed25519 public key only while generating a pair: generate the pair of
      // this private key by handing the generator its bytes as "randomness".
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
      KeyPair pair = generator.generateKeyPair();
      LedgerSigner signer = new LedgerSigner(key, pair.getPublic());
      byte[] probe = "unitrace ledger signing key".getBytes(StandardCharsets.US_ASCII);
      if (!signer.verify(probe, signer.sign(probe))) {
        throw new IllegalArgumentException("the derived public key does not match the private key");
      }
      return signer;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(
          "the ledger signing key is not an Ed25519 private key in PKCS#8: " + e.getMessage(), e);
    }
  }

  /** The signature (base64) of the text. */
  String sign(String text) {
    return Base64.getEncoder().encodeToString(sign(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code signature} (base64) is this key's signature of the text. */
  boolean verify(String text, String signature) {
    if (signature == null) {
      return false;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return verify(text.getBytes(StandardCharsets.UTF_8), raw);
  }

  private byte[] sign(byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean verify(byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The public key, X.509 SubjectPublicKeyInfo in base64. */
  String publicKey() {
    return Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  /** The public key in PEM. */
  String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n" + publicKey() + "\n-----END PUBLIC KEY-----\n";
  }

  /** 16 hex digits naming the key pair; says nothing of the private key. */
  String ref() {
    return ref;
  }

  /** "Randomness" that is the given bytes, so that a key pair is generated from a known seed. */
  private static final class FixedBytes extends SecureRandom {
    private final byte[] bytes;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException("expected a request for " + bytes.length + " bytes");
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
