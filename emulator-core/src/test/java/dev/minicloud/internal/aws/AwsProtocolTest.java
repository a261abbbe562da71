package dev.minicloud.internal.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each protocol renders errors exactly in the shape its SDK unmarshaller expects. */
class AwsProtocolTest {
    private static String render(AwsProtocol p, AwsException e) {
        return new String(p.errorBody(e, "REQ1", "HOST1"), StandardCharsets.UTF_8);
    }

    @Test
    void s3ErrorsCarryContextFieldsRequestIdAndHostId() {
        AwsException e = new AwsException(404, "NoSuchKey", "The specified key does not exist.").with("Key", "a&b");
        assertEquals(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                        + "<Message>The specified key does not exist.</Message><Key>a&amp;b</Key>"
                        + "<RequestId>REQ1</RequestId><HostId>HOST1</HostId></Error>",
                render(AwsProtocol.S3_XML, e));
    }

    @Test
    void route53ErrorsUseTheNamespacedErrorResponse() {
        AwsException e = new AwsException(404, "NoSuchHostedZone", "No hosted zone found with ID: Z1");
        assertEquals(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                        + "<Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z1</Message></Error>"
                        + "<RequestId>REQ1</RequestId></ErrorResponse>",
                render(AwsProtocol.ROUTE53_XML, e));
    }

    @Test
    void queryErrorsMarkServerFaultsAsReceiver() {
        AwsException e = new AwsException(501, "NotImplemented", "nope");
        assertEquals(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse><Error><Type>Receiver</Type>"
                        + "<Code>NotImplemented</Code><Message>nope</Message></Error><RequestId>REQ1</RequestId></ErrorResponse>",
                render(AwsProtocol.QUERY_XML, e));
    }

    @Test
    void jsonErrorsEscapeTheirMessage() {
        AwsException e = new AwsException(400, "ValidationException", "bad \"value\"\n");
        assertEquals(
                "{\"__type\":\"ValidationException\",\"message\":\"bad \\\"value\\\"\\n\"}",
                render(AwsProtocol.JSON, e));
    }
}
