package dev.minicloud.kv.elasticache.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.internal.aws.AwsException;
import dev.minicloud.internal.aws.QueryParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private static Params of(String form) {
        return Params.of(QueryParameters.parse(form));
    }

    @Test
    void listsTakeTheMemberNameOfEachShapeInIndexOrder() {
        Params p = of("SubnetIds.SubnetIdentifier.2=subnet-b&SubnetIds.SubnetIdentifier.1=subnet-a"
                + "&TagKeys.member.1=env&SecurityGroupIds.10=sg-10&SecurityGroupIds.9=sg-9");
        assertEquals(List.of("subnet-a", "subnet-b"), p.list("SubnetIds"));
        assertEquals(List.of("env"), p.list("TagKeys"));
        assertEquals(List.of("sg-9", "sg-10"), p.list("SecurityGroupIds"), "numeric order, not string order");
        assertEquals(List.of(), p.list("Missing"));
    }

    @Test
    void structureListsAreReadRelativeToEachMember() {
        Params p = of("Tags.Tag.1.Key=team&Tags.Tag.1.Value=cache&Tags.Tag.2.Key=env"
                + "&ParameterNameValues.ParameterNameValue.1.ParameterName=maxmemory-policy"
                + "&ParameterNameValues.ParameterNameValue.1.ParameterValue=allkeys-lru");
        List<Params> tags = p.members("Tags");
        assertEquals(2, tags.size());
        assertEquals("cache", tags.get(0).string("Value"));
        assertNull(tags.get(1).string("Value"));
        assertEquals("allkeys-lru", p.members("ParameterNameValues").get(0).string("ParameterValue"));
    }

    @Test
    void badScalarsAreInvalidParameterValue() {
        AwsException bool = assertThrows(
                AwsException.class, () -> of("ApplyImmediately=yes").bool("ApplyImmediately"));
        assertEquals("InvalidParameterValue", bool.code());
        AwsException number =
                assertThrows(AwsException.class, () -> of("NumCacheNodes=two").integer("NumCacheNodes"));
        assertEquals("InvalidParameterValue", number.code());
        AwsException missing =
                assertThrows(AwsException.class, () -> of("Other=1").required("CacheClusterId"));
        assertEquals("MissingParameter", missing.code());
        assertEquals(400, missing.status());
    }
}
