package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.FlagOption;
import dev.rampart.rules.keyword.app.SslStateOption.State;
import dev.rampart.rules.keyword.app.SslVersionOption.Version;
import dev.rampart.rules.keyword.app.TlsCertValidityOption.Mode;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ssl_state, ssl_version, tls.version, tls.fingerprint, tls.subject/issuerdn, tls.store, certificate dates. */
class TlsKeywordsTest {

    private static final String FP = "34:8e:8f:a3:05:d8:b1:e5:fe:d5:3c:07:1e:dd:58:e7:a0:c9:d9:d4";

    @Test
    void sslState() throws Exception {
        SslStateOption s = option("tls", "ssl_state:client_hello|!server_hello;", SslStateOption.class);
        assertEquals(Set.of(State.CLIENT_HELLO, State.SERVER_HELLO), s.states());
        assertEquals(Set.of(State.SERVER_HELLO), s.negated());
        assertEquals("ssl_state:client_hello|server_hello",
                canonical(option("tls", "ssl_state: server_hello , client_hello;", SslStateOption.class)));
        assertEquals("ssl_state:client_keyx|server_keyx|unknown",
                canonical(option("tcp", "ssl_state:client_keyx|server_keyx|unknown;", SslStateOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "Client_Hello", "client_hello|", "|client_hello", "client_hello||server_hello",
        "client_hello x", "!", "\"client_hello\""})
    void sslStateRefused(String value) {
        rejected("tls", "ssl_state:" + value + ";", "ssl_state");
    }

    @Test
    void sslVersion() throws Exception {
        SslVersionOption v = option("tls", "ssl_version:sslv2,sslv3;", SslVersionOption.class);
        assertEquals(Set.of(Version.SSLV2, Version.SSLV3), v.versions());
        assertEquals("ssl_version:!sslv3,!tls1.0",
                canonical(option("tls", "ssl_version:!sslv3,!tls1.0;", SslVersionOption.class)));
        assertEquals("ssl_version:tls1.0", canonical(option("tls", "ssl_version:TLS1.0;", SslVersionOption.class)));
        assertEquals("ssl_version:sslv3,tls1.0",
                canonical(option("tls", "ssl_version: sslv3 , tls1.0 ;", SslVersionOption.class)));
        assertEquals("ssl_version:sslv3", canonical(option("tls", "ssl_version:sslv3,;", SslVersionOption.class)));
        for (String bad : new String[] {"sslv2,!sslv3", "!sslv3,sslv2", "tls1.4", "sslv3,sslv3", "sslv3foo",
            ",sslv3", "\"sslv3\""}) {
            rejected("tls", "ssl_version:" + bad + ";", "ssl_version");
        }
        rejected("http", "ssl_version:sslv3;", "can't set rule app proto");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "1.0 => tls.version:1.0", "1.2 => tls.version:1.2", "1.3 => tls.version:1.3", "0x0303 => tls.version:1.2",
        "0x7f12 => tls.version:0x7f12",
    })
    void tlsVersion(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tls", "tls.version:" + value + ";", TlsVersionOption.class)));
    }

    @Test
    void tlsVersionRefused() {
        for (String bad : new String[] {"ssl3", "1.4", "!1.2", "3", "0x10000", "0X0303", "0x", "\"1.2\""}) {
            rejected("tls", "tls.version:" + bad + ";", "tls.version");
        }
        assertEquals(0x0302, new TlsVersionOption(0x0302).version());
    }

    @Test
    void fingerprint() throws Exception {
        TlsFingerprintOption f = option("tcp", "tls.fingerprint:\"" + FP.toUpperCase() + "\";",
                TlsFingerprintOption.class);
        assertEquals(FP, f.fingerprint());
        assertEquals("tls.fingerprint:!\"" + FP + "\"",
                canonical(option("tcp", "tls.fingerprint:!\"" + FP + "\";", TlsFingerprintOption.class)));
        for (String bad : new String[] {FP, "\"34:8e\"", "\"\"", "\"" + FP + ":11\""}) {
            rejected("tcp", "tls.fingerprint:" + bad + ";", "tls.fingerprint");
        }
    }

    @Test
    void subjectAndIssuer() throws Exception {
        TlsDnOption s = option("tls", "tls.subject:\"CN=*.googleusercontent.com\";", TlsDnOption.class);
        assertEquals(new TlsDnOption("tls.subject", false, "CN=*.googleusercontent.com"), s);
        assertEquals("tls.subject:!\"CN=a\"", canonical(option("tls", "tls.subject: ! \"CN=a\";", TlsDnOption.class)));
        assertEquals("tls.issuerdn:\"C=US, O=Google Inc, CN=Google Internet Authority\"", canonical(option("tls",
                "tls.issuerdn:\"C=US, O=Google Inc, CN=Google Internet Authority\";", TlsDnOption.class)));
        for (String bad : new String[] {"CN=foo", "\"CN=foo/bar\"", "\"CN=a+b\"", "\"\""}) {
            rejected("tls", "tls.subject:" + bad + ";", "tls.subject");
        }
        rejected("tls", "tls.issuerdn:CN=foo;", "tls.issuerdn");
    }

    @Test
    void store() throws Exception {
        assertEquals(new FlagOption("tls.store"), option("tls", "tls_store;", FlagOption.class));
        rejected("tls", "tls.store:1;", "no argument");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "2015-10-22 => tls_cert_notbefore:2015-10-22T00:00:00",
        ">2015-10-22T10:58:44 => tls_cert_notbefore:>2015-10-22T10:58:44",
        "<2015-10 => tls_cert_notbefore:<2015-10-01T00:00:00",
        "2015 => tls_cert_notbefore:2015-01-01T00:00:00",
        "2015-10-22T10 => tls_cert_notbefore:2015-10-22T10:00:00",
        "2015-10-22 10:58:44 => tls_cert_notbefore:2015-10-22T10:58:44",
        "1445504324 => tls_cert_notbefore:2015-10-22T08:58:44",
        "2015-10-22<>2016-10-22 => tls_cert_notbefore:2015-10-22T00:00:00<>2016-10-22T00:00:00",
    })
    void certDates(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tls", "tls_cert_notbefore:" + value + ";", TlsCertValidityOption.class)));
    }

    @Test
    void certDateFields() throws Exception {
        TlsCertValidityOption v = option("tls", "tls_cert_notafter:<2015-10-22;", TlsCertValidityOption.class);
        assertEquals("tls_cert_notafter", v.keyword());
        assertEquals(Mode.LT, v.mode());
        assertEquals(1445472000L, v.epoch());
        for (String bad : new String[] {"foo", "2015-13-22", ">= 2015", "<2015-10-22<>2016", "2016<>2015", "\"2015\""}) {
            rejected("tls", "tls_cert_notbefore:" + bad + ";", "tls_cert_notbefore");
        }
        assertTrue(option("tls", "tls_cert_expired;", FlagOption.class).keyword().equals("tls_cert_expired"));
        assertTrue(option("tls", "tls_cert_valid;", FlagOption.class).keyword().equals("tls_cert_valid"));
        rejected("tls", "tls_cert_expired:1;", "no argument");
    }
}
