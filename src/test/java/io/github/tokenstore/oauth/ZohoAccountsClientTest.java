package io.github.tokenstore.oauth;

import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.InvalidTokenException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.ThrottledException;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.oauth.FakeAccountsServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ZohoAccountsClientTest {

    static final String SECRET = "client-secret-Zq9";
    static final String CODE = "1000.grant-code-abc";
    static final String REFRESH = "1000.refresh-token-xyz";

    FakeAccountsServer server;
    ZohoAccountsClient client;
    String url;

    @BeforeEach
    void start() throws IOException {
        server = new FakeAccountsServer();
        url = server.url().toString();
        client = client(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ZohoAccountsClient client(Duration requestTimeout) {
        return ZohoAccountsClient.builder()
                .accountsUrl(server.url())
                .clientId("1000.CLIENT")
                .clientSecret(SECRET)
                .redirectUri("https://app.example/callback?x=1&y=2")
                .requestTimeout(requestTimeout)
                .build();
    }

    @Test
    void grantExchangeSendsTheUrlEncodedFormAndReadsTheTokens() {
        TokenResponse r = client.exchangeGrantCode(CODE);

        assertThat(server.forms).containsExactly(Map.of(
                "grant_type", "authorization_code",
                "client_id", "1000.CLIENT",
                "client_secret", SECRET,
                "redirect_uri", "https://app.example/callback?x=1&y=2",
                "code", CODE));
        assertThat(server.contentTypes).containsExactly("application/x-www-form-urlencoded");
        assertThat(r).isEqualTo(new TokenResponse("access-1", "refresh-1", "https://www.zohoapis.eu", "Bearer",
                Duration.ofHours(1)));
    }

    @Test
    void refreshSendsTheRefreshTokenAndGetsNoNewRefreshToken() {
        TokenResponse r = client.refresh(REFRESH);

        assertThat(server.forms).containsExactly(Map.of(
                "grant_type", "refresh_token",
                "client_id", "1000.CLIENT",
                "client_secret", SECRET,
                "refresh_token", REFRESH));
        assertThat(r.accessToken()).isEqualTo("access-refreshed-1");
        assertThat(r.refreshToken()).isNull();
        assertThat(r.apiDomain()).isEqualTo("https://www.zohoapis.eu");
    }

    @Test
    void expiresInAsAStringIsAccepted() {
        server.tokenReplies = form -> Reply.json("{\"access_token\":\"a\",\"expires_in\":\"120\"}");

        assertThat(client.refresh(REFRESH).expiresIn()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void revokeSendsTheTokenInTheQuery() {
        client.revoke("1000.tok+en/=");

        assertThat(server.revokeCalls).hasValue(1);
        assertThat(server.revokeQueries).containsExactly(Map.of("token", "1000.tok+en/="));
    }

    @Test
    void revokeRefusedIsAProviderException() {
        server.revokeReply = Reply.json("{\"error\":\"invalid_client\"}");

        OAuthProviderException e = catchThrowableOfType(OAuthProviderException.class, () -> client.revoke(REFRESH));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0221");
        assertThat(e.getMessage()).doesNotContain(REFRESH).doesNotContain(SECRET);
    }

    @Test
    void invalidCodeIsTypedAndHoldsNoSecret() {
        server.tokenReplies = form -> Reply.json("{\"error\":\"invalid_code\"}");

        OAuthProviderException e = catchThrowableOfType(OAuthProviderException.class,
                () -> client.exchangeGrantCode(CODE));

        assertThat(e.getClass()).isEqualTo(OAuthProviderException.class);
        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0220");
        assertThat(e.errorCode()).isEqualTo("invalid_code");
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0220: the accounts server " + url
                + " refused the grant-code exchange with invalid_code: a grant code is single-use and expires after"
                + " 3 minutes, and a revoked refresh token answers the same; have the user authorize again");
    }

    @Test
    void invalidClientIsTypedAndHoldsNoSecret() {
        server.tokenReplies = form -> Reply.json("{\"error\":\"invalid_client\"}");

        OAuthProviderException e = catchThrowableOfType(OAuthProviderException.class, () -> client.refresh(REFRESH));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0221");
        assertThat(e.errorCode()).isEqualTo("invalid_client");
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0221: the accounts server " + url
                + " refused the token refresh with invalid_client: the client id or secret is wrong, or the client "
                + "belongs to another data center; check tokenstore.oauth.client-id, tokenstore.oauth.client-secret"
                + " and tokenstore.oauth.data-center");
    }

    @Test
    void aWrongSecretIsAnInvalidClient() {
        server.tokenReplies = form -> Reply.json("{\"error\":\"invalid_client_secret\"}");

        OAuthProviderException e = catchThrowableOfType(OAuthProviderException.class, () -> client.refresh(REFRESH));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0221");
        assertThat(e.errorCode()).isEqualTo("invalid_client_secret");
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0221: the accounts server " + url
                + " refused the token refresh with invalid_client_secret: the client id or secret is wrong, or the "
                + "client belongs to another data center; check tokenstore.oauth.client-id, "
                + "tokenstore.oauth.client-secret and tokenstore.oauth.data-center");
    }

    @Test
    void accessDeniedIsThrottled() {
        server.tokenReplies = form -> Reply.json("{\"error\":\"Access Denied\",\"error_description\":"
                + "\"You have made too many requests continuously. Please try again after some time.\"}");

        ThrottledException e = catchThrowableOfType(ThrottledException.class, () -> client.refresh(REFRESH));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0223");
        assertThat(e.errorCode()).isEqualTo("Access Denied");
        assertThat(e.retryAt()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0223: the accounts server " + url
                + " throttled the token refresh (Access Denied): Zoho issues about 10 access tokens per refresh "
                + "token per 10 minutes; the token service backs off");
    }

    @Test
    void anUnknownErrorIsQuotedButNeverASecretItEchoes() {
        server.tokenReplies = form -> Reply.json("{\"error\":\"bad " + form.get("refresh_token") + "\"}");
        OAuthProviderException echoed = catchThrowableOfType(OAuthProviderException.class,
                () -> client.refresh(REFRESH));
        server.tokenReplies = form -> Reply.json("{\"error\":\"general_error\"}");
        OAuthProviderException plain = catchThrowableOfType(OAuthProviderException.class,
                () -> client.refresh(REFRESH));

        assertThat(echoed.errorCode()).isEqualTo("(withheld)");
        assertThat(echoed.getMessage()).isEqualTo("TOKENSTORE-0222: the accounts server " + url
                + " refused the token refresh with the error '(withheld)'");
        assertThat(plain.errorCode()).isEqualTo("general_error");
        assertThat(plain.getMessage()).isEqualTo("TOKENSTORE-0222: the accounts server " + url
                + " refused the token refresh with the error 'general_error'");
    }

    @Test
    void http500IsAnAccountsServerException() {
        server.tokenReplies = form -> new Reply(500, "text/html", "<html>oops " + SECRET + "</html>");

        AccountsServerException e = catchThrowableOfType(AccountsServerException.class, () -> client.refresh(REFRESH));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0240");
        assertThat(e.httpStatus()).hasValue(500);
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0240: the accounts server " + url
                + " answered the token refresh with HTTP 500; check tokenstore.oauth.accounts-url or "
                + "tokenstore.oauth.data-center, or retry later");
    }

    @Test
    void aBodyThatIsNotJsonIsAnAccountsServerException() {
        server.tokenReplies = form -> new Reply(200, "text/html", "<html>" + form.get("code") + "</html>");

        AccountsServerException e = catchThrowableOfType(AccountsServerException.class,
                () -> client.exchangeGrantCode(CODE));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0243");
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0243: the accounts server " + url
                + " answered the grant-code exchange with HTTP 200 and a body that is not a token response (not a "
                + "JSON object); is tokenstore.oauth.accounts-url an accounts server?");
    }

    @Test
    void jsonWithoutAnAccessTokenIsAnAccountsServerException() {
        server.tokenReplies = form -> Reply.json("{\"expires_in\":3600}");

        AccountsServerException e = catchThrowableOfType(AccountsServerException.class, () -> client.refresh(REFRESH));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0243");
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0243: the accounts server " + url + " answered the token "
                + "refresh with HTTP 200 and a body that is not a token response (no access_token); is "
                + "tokenstore.oauth.accounts-url an accounts server?");
    }

    @Test
    void aMissingExpiryIsAnAccountsServerException() {
        server.tokenReplies = form -> Reply.json("{\"access_token\":\"a\",\"expires_in\":-5}");

        AccountsServerException e = catchThrowableOfType(AccountsServerException.class, () -> client.refresh(REFRESH));

        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0243: the accounts server " + url + " answered the token "
                + "refresh with HTTP 200 and a body that is not a token response (expires_in is missing or not a "
                + "positive number of seconds); is tokenstore.oauth.accounts-url an accounts server?");
    }

    @Test
    void aSlowServerTimesOut() {
        server.hold = new CountDownLatch(1);
        ZohoAccountsClient impatient = client(Duration.ofMillis(200));

        AccountsServerException e = catchThrowableOfType(AccountsServerException.class,
                () -> impatient.refresh(REFRESH));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0241");
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0241: the token refresh at the accounts server " + url
                + " got no answer within PT0.2S; retry later");
    }

    @Test
    void anUnreachableServerIsAnAccountsServerException() {
        server.close();

        AccountsServerException e = catchThrowableOfType(AccountsServerException.class, () -> client.refresh(REFRESH));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0242");
        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0242: the token refresh at the accounts server " + url
                + " failed: ConnectException; check the network and tokenstore.oauth.accounts-url");
        assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void anInterruptedCallerGetsATypedExceptionAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        TokenStoreException e;
        try {
            e = catchThrowableOfType(TokenStoreException.class, () -> client.refresh(REFRESH));
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag is set again").isTrue();
        }

        assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0244: the thread was interrupted during the token refresh");
    }

    @Test
    void messagesWithoutAnEasyTriggerReadAsDocumented() {
        // 0245 needs a class path without JSON-P, 0262 the CRM filter; their factories are checked here.
        assertThat(OAuthMessages.noJsonProvider(new jakarta.json.JsonException("Provider not found")))
                .hasMessage("TOKENSTORE-0245: no JSON-P implementation is on the class path: JsonException; Jakarta "
                        + "EE servers provide one, Java SE applications add org.eclipse.parsson:parsson");
        InvalidTokenException invalid = new InvalidTokenException("https://www.zohoapis.eu", 401);
        assertThat(invalid.messageId()).isEqualTo("TOKENSTORE-0262");
        assertThat(invalid).hasMessage("TOKENSTORE-0262: the CRM at https://www.zohoapis.eu rejected the access "
                + "token (HTTP 401 INVALID_TOKEN); the token is refreshed and the call repeated once");
    }

    @Test
    void everyDataCenterHasItsAccountsServer() {
        assertThat(DataCenter.US.accountsUrl()).hasToString("https://accounts.zoho.com");
        assertThat(DataCenter.EU.accountsUrl()).hasToString("https://accounts.zoho.eu");
        assertThat(DataCenter.IN.accountsUrl()).hasToString("https://accounts.zoho.in");
        assertThat(DataCenter.AU.accountsUrl()).hasToString("https://accounts.zoho.com.au");
        assertThat(DataCenter.JP.accountsUrl()).hasToString("https://accounts.zoho.jp");
        assertThat(DataCenter.CN.accountsUrl()).hasToString("https://accounts.zoho.com.cn");
        assertThat(DataCenter.CA.accountsUrl()).hasToString("https://accounts.zohocloud.ca");
        assertThat(DataCenter.SA.accountsUrl()).hasToString("https://accounts.zoho.sa");
        assertThat(DataCenter.UK.accountsUrl()).hasToString("https://accounts.zoho.uk");
        assertThat(DataCenter.values()).hasSize(9);
    }

    @Test
    void theDataCenterDefaultsToUsAndAnAccountsUrlOverridesIt() {
        ZohoAccountsClient.Builder b = ZohoAccountsClient.builder().clientId("id").clientSecret(SECRET);

        assertThat(b.build().accountsUrl()).isEqualTo(DataCenter.US.accountsUrl());
        assertThat(b.dataCenter(DataCenter.EU).build().accountsUrl()).isEqualTo(DataCenter.EU.accountsUrl());
        assertThat(b.accountsUrl(URI.create("http://127.0.0.1:8080/zoho/")).build().accountsUrl())
                .hasToString("http://127.0.0.1:8080/zoho");
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertThatThrownBy(() -> ZohoAccountsClient.builder().clientSecret(SECRET).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0200: ZohoAccountsClient: clientId is null or blank");
        assertThatThrownBy(() -> ZohoAccountsClient.builder().clientId("id").clientSecret(" ").build())
                .hasMessage("TOKENSTORE-0200: ZohoAccountsClient: clientSecret is null or blank");
        assertThatThrownBy(() -> ZohoAccountsClient.builder().clientId("id").clientSecret(SECRET)
                .requestTimeout(Duration.ZERO).build())
                .hasMessage("TOKENSTORE-0201: ZohoAccountsClient: requestTimeout is PT0S; it must be positive");
        assertThatThrownBy(() -> ZohoAccountsClient.builder().clientId("id").clientSecret(SECRET)
                .accountsUrl(URI.create("https://user:" + SECRET + "@accounts.zoho.eu")).build())
                .hasMessage("TOKENSTORE-0202: ZohoAccountsClient: accountsUrl is not an absolute http or https URL "
                        + "without user info, query or fragment, e.g. https://accounts.zoho.eu");
        assertThatThrownBy(() -> ZohoAccountsClient.builder().dataCenter(null))
                .hasMessage("TOKENSTORE-0203: ZohoAccountsClient: dataCenter is null");
        assertThatThrownBy(() -> client.refresh(" "))
                .hasMessage("TOKENSTORE-0200: ZohoAccountsClient.refresh: refreshToken is null or blank");
        assertThat(server.tokenCalls).hasValue(0);
    }

    @Test
    void toStringNeverShowsTheSecretOrTokens() {
        assertThat(client.toString()).isEqualTo("ZohoAccountsClient[accountsUrl=" + url + ", clientId=1000.CLIENT]");
        assertThat(new TokenResponse("A-77", "R-88", null, null, Duration.ofSeconds(1)).toString())
                .isEqualTo("TokenResponse[accessToken=****, refreshToken=****, apiDomain=null, tokenType=null, "
                        + "expiresIn=PT1S]");
    }
}
