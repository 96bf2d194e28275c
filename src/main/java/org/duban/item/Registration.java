package org.duban.item;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a sponsor office fills in to register an item (立项). The sponsor is the registering
 * person's office: "whoever registers, supervises".
 *
 * @param severity for rectifications (R36): "ordinary" (7 days) or "major" (30 days)
 * @param confidentialityAcknowledged R06: the registrant confirms no classified matter is entered
 */
public record Registration(Kind kind, Optional<Board> board, String source, String title, String body, long leadUnitId,
                           List<Long> cooperatingUnitIds, String responsibleLeader, Optional<String> serviceObject,
                           Optional<Node> node, Optional<Instant> deadline, Optional<String> severity,
                           List<String> problems, Optional<String> plan, boolean confidentialityAcknowledged) {
}
