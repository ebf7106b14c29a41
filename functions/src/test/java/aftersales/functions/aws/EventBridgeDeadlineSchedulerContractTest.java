package aftersales.functions.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aftersales.domain.Deadline;
import aftersales.domain.DeadlineKind;
import aftersales.domain.DisputeId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/**
 * The production Scheduler adapter, driven through the real SDK client over HTTP against the recorded
 * EventBridge Scheduler REST-JSON contract in {@code contracts/scheduler/}: what goes on the wire, and how the
 * service's answers (created, already exists, already gone, time in the past, server error) are taken.
 */
@WireMockTest
class EventBridgeDeadlineSchedulerContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACTS = "/contracts/scheduler/";

    private static final DisputeId DISPUTE = new DisputeId("order-1", 1);
    private static final Deadline DEADLINE =
            new Deadline(DeadlineKind.SELLER_RESPONSE, Instant.parse("2026-03-06T10:00:30Z"));
    /** Recorded: "dl-" + SHA-256("order-1~1|SELLER_RESPONSE|1772791230")[0..40). Changing it orphans live schedules. */
    private static final String NAME = "dl-ae36e96f3ba937adb564901da4852fa1bcf47717";
    private static final String GROUP = "aftersales";
    private static final SchedulerTarget TARGET = new SchedulerTarget(GROUP,
            "arn:aws:lambda:us-east-1:123456789012:function:aftersales-deadline",
            "arn:aws:iam::123456789012:role/aftersales-scheduler",
            "arn:aws:sqs:us-east-1:123456789012:aftersales-deadline-dlq");
    /** An hour before the deadline: the schedule is in the future. */
    private static final Instant NOW = Instant.parse("2026-03-06T09:00:00Z");

    private SchedulerClient client;
    private String baseUrl;

    @BeforeEach
    void startClient(WireMockRuntimeInfo wm) {
        baseUrl = wm.getHttpBaseUrl();
        client = SchedulerClient.builder()
                .endpointOverride(URI.create(baseUrl))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private EventBridgeDeadlineScheduler adapterAt(Instant now) {
        return new EventBridgeDeadlineScheduler(client, TARGET, InstantSource.fixed(now));
    }

    // ---- CreateSchedule -------------------------------------------------------------------------------------

    @Test
    void createSendsTheRecordedRequestToPostSchedulesName() throws IOException {
        stubFor(post(urlPathEqualTo("/schedules/" + NAME))
                .withHeader("Content-Type", matching("application/(x-amz-)?json.*"))
                .withRequestBody(equalToJson(contract("create-schedule.request.json"), false, true))
                .willReturn(okJson(contract("create-schedule.response.json"))));

        adapterAt(NOW).schedule(DISPUTE, DEADLINE);

        List<LoggedRequest> sent = findAll(postRequestedFor(urlPathEqualTo("/schedules/" + NAME)));
        assertEquals(1, sent.size(), "exactly one CreateSchedule call");
        LoggedRequest request = sent.get(0);
        assertTrue(request.getHeader("Authorization").startsWith("AWS4-HMAC-SHA256 "), "SigV4 signed");
        assertTrue(request.getHeader("Authorization").contains("/us-east-1/scheduler/aws4_request"),
                "signed for service 'scheduler' in us-east-1: " + request.getHeader("Authorization"));

        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertEquals("at(2026-03-06T10:01:00)", body.path("ScheduleExpression").asText(), "10:00:30 rounds up");
        assertEquals("UTC", body.path("ScheduleExpressionTimezone").asText());
        assertEquals(JSON.readTree("{\"Mode\":\"OFF\"}"), body.path("FlexibleTimeWindow"));
        assertEquals("DELETE", body.path("ActionAfterCompletion").asText());
        assertEquals("ENABLED", body.path("State").asText());
        assertEquals(GROUP, body.path("GroupName").asText());
        assertTrue(body.path("Name").isMissingNode(), "the name travels in the path only");
        JsonNode target = body.path("Target");
        assertEquals(TARGET.targetArn(), target.path("Arn").asText());
        assertEquals(TARGET.roleArn(), target.path("RoleArn").asText());
        assertEquals(86400, target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt());
        assertEquals(185, target.path("RetryPolicy").path("MaximumRetryAttempts").asInt());
        assertEquals(TARGET.deadLetterArn(), target.path("DeadLetterConfig").path("Arn").asText());
        assertTrue(target.path("Input").isTextual(), "Input is a JSON document inside a string");
        assertEquals(JSON.readTree(contract("create-schedule.input.json")), JSON.readTree(target.path("Input").asText()));
    }

    @Test
    void aWholeMinuteDeadlineIsNotRounded() throws IOException {
        stubFor(post(urlPathMatching("/schedules/dl-[0-9a-f]{40}"))
                .willReturn(okJson(contract("create-schedule.response.json"))));
        Deadline onTheMinute = new Deadline(DeadlineKind.ESCALATION, Instant.parse("2026-03-06T10:00:00Z"));

        adapterAt(NOW).schedule(DISPUTE, onTheMinute);

        List<LoggedRequest> sent = findAll(postRequestedFor(
                urlPathEqualTo("/schedules/" + EventBridgeDeadlineScheduler.scheduleName(DISPUTE, onTheMinute))));
        assertEquals(1, sent.size());
        JsonNode body = JSON.readTree(sent.get(0).getBodyAsString());
        assertEquals("at(2026-03-06T10:00:00)", body.path("ScheduleExpression").asText());
        assertEquals("ESCALATION", JSON.readTree(body.path("Target").path("Input").asText()).path("kind").asText());
    }

    @Test
    void alreadyExistsIsSuccess() {
        stubFor(post(urlPathEqualTo("/schedules/" + NAME))
                .willReturn(error(409, "ConflictException", "create-schedule.conflict.response.json")));

        assertDoesNotThrow(() -> adapterAt(NOW).schedule(DISPUTE, DEADLINE));

        verify(1, postRequestedFor(urlPathEqualTo("/schedules/" + NAME)));
    }

    @Test
    void aServerErrorOnCreatePropagates() {
        stubFor(post(urlPathEqualTo("/schedules/" + NAME))
                .willReturn(error(500, "InternalServerException", "internal-error.response.json")));

        SchedulerException e = assertThrows(SchedulerException.class, () -> adapterAt(NOW).schedule(DISPUTE, DEADLINE));

        assertEquals(500, e.statusCode());
        assertEquals("InternalServerException", e.awsErrorDetails().errorCode());
    }

    @Test
    void aTimeJustPastIsSwallowedTheSweeperIsTheSafetyNet() {
        stubFor(post(urlPathEqualTo("/schedules/" + NAME))
                .willReturn(error(400, "ValidationException", "create-schedule.past.response.json")));

        // our clock: 10:02, one minute after the rounded trigger time 10:01
        assertDoesNotThrow(() -> adapterAt(Instant.parse("2026-03-06T10:02:00Z")).schedule(DISPUTE, DEADLINE));
        // our clock: 09:59:30, the trigger 90 s ahead, but Scheduler's clock says past: still swallowed
        assertDoesNotThrow(() -> adapterAt(Instant.parse("2026-03-06T09:59:30Z")).schedule(DISPUTE, DEADLINE));

        verify(2, postRequestedFor(urlPathEqualTo("/schedules/" + NAME)));
    }

    @Test
    void aValidationErrorForAFutureTimeIsRethrown() {
        stubFor(post(urlPathEqualTo("/schedules/" + NAME))
                .willReturn(error(400, "ValidationException", "create-schedule.past.response.json")));

        ValidationException e = assertThrows(ValidationException.class, () -> adapterAt(NOW).schedule(DISPUTE, DEADLINE));

        assertEquals(400, e.statusCode());
    }

    // ---- DeleteSchedule -------------------------------------------------------------------------------------

    @Test
    void cancelDeletesByNameAndGroup() {
        stubFor(delete(urlPathEqualTo("/schedules/" + NAME))
                .withQueryParam("groupName", equalTo(GROUP))
                .willReturn(okJson("{}")));

        adapterAt(NOW).cancel(DISPUTE, DEADLINE);

        verify(1, deleteRequestedFor(urlPathEqualTo("/schedules/" + NAME))
                .withQueryParam("groupName", equalTo(GROUP))
                .withQueryParam("clientToken", matching(".+")));
    }

    @Test
    void cancelOfAScheduleAlreadyGoneIsSuccess() {
        stubFor(delete(urlPathEqualTo("/schedules/" + NAME))
                .withQueryParam("groupName", equalTo(GROUP))
                .willReturn(error(404, "ResourceNotFoundException", "delete-schedule.not-found.response.json")));

        assertDoesNotThrow(() -> adapterAt(NOW).cancel(DISPUTE, DEADLINE));

        verify(1, deleteRequestedFor(urlPathEqualTo("/schedules/" + NAME)));
    }

    @Test
    void aServerErrorOnCancelPropagates() {
        stubFor(delete(urlPathEqualTo("/schedules/" + NAME))
                .willReturn(error(500, "InternalServerException", "internal-error.response.json")));

        SchedulerException e = assertThrows(SchedulerException.class, () -> adapterAt(NOW).cancel(DISPUTE, DEADLINE));

        assertEquals(500, e.statusCode());
    }

    @Test
    void aPlain404WithoutTheErrorTypeIsNotTakenForAlreadyGone() {
        // WireMock answers an unmatched request with a bare 404: the adapter must not read that as "gone".
        stubFor(delete(anyUrl()).willReturn(aResponse().withStatus(404).withBody("no such route")));

        assertThrows(SchedulerException.class, () -> adapterAt(NOW).cancel(DISPUTE, DEADLINE));
    }

    // ---- names and expressions ------------------------------------------------------------------------------

    @Test
    void scheduleNameIsStableValidAndDistinct() {
        String name = EventBridgeDeadlineScheduler.scheduleName(DISPUTE, DEADLINE);
        assertEquals(NAME, name, "recorded name: a change would orphan schedules created by the previous version");
        assertEquals(name, EventBridgeDeadlineScheduler.scheduleName(new DisputeId("order-1", 1),
                new Deadline(DeadlineKind.SELLER_RESPONSE, Instant.parse("2026-03-06T10:00:30Z"))));
        assertTrue(name.matches("[0-9a-zA-Z\\-_.]{1,64}"), name);

        Deadline otherKind = new Deadline(DeadlineKind.ESCALATION, DEADLINE.at());
        Deadline otherInstant = new Deadline(DeadlineKind.SELLER_RESPONSE, DEADLINE.at().plusSeconds(1));
        assertNotEquals(name, EventBridgeDeadlineScheduler.scheduleName(DISPUTE, otherKind));
        assertNotEquals(name, EventBridgeDeadlineScheduler.scheduleName(DISPUTE, otherInstant));
        assertNotEquals(name, EventBridgeDeadlineScheduler.scheduleName(new DisputeId("order-1", 2), DEADLINE));
        assertNotEquals(name, EventBridgeDeadlineScheduler.scheduleName(new DisputeId("order-11", 1), DEADLINE));

        String longest = EventBridgeDeadlineScheduler.scheduleName(new DisputeId("o".repeat(64), 999), otherKind);
        assertTrue(longest.matches("[0-9a-zA-Z\\-_.]{1,64}"), longest);
    }

    @Test
    void atExpressionRoundsUpToTheMinuteWithoutZoneOrFractions() {
        assertEquals("at(2026-03-06T10:00:00)", EventBridgeDeadlineScheduler.atExpression(Instant.parse("2026-03-06T10:00:00Z")));
        assertEquals("at(2026-03-06T10:01:00)", EventBridgeDeadlineScheduler.atExpression(Instant.parse("2026-03-06T10:00:00.000000001Z")));
        assertEquals("at(2026-03-06T10:01:00)", EventBridgeDeadlineScheduler.atExpression(Instant.parse("2026-03-06T10:00:59.999Z")));
        assertEquals("at(2027-01-01T00:00:00)", EventBridgeDeadlineScheduler.atExpression(Instant.parse("2026-12-31T23:59:01Z")));
        assertEquals("at(2028-02-29T00:00:00)", EventBridgeDeadlineScheduler.atExpression(Instant.parse("2028-02-28T23:59:59.5Z")));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
            int status, String errorType, String bodyFile) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", errorType)
                .withBody(contract(bodyFile));
    }

    private static String contract(String file) {
        try (InputStream in = EventBridgeDeadlineSchedulerContractTest.class.getResourceAsStream(CONTRACTS + file)) {
            if (in == null) {
                throw new IllegalStateException("missing contract file " + CONTRACTS + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
