package vn.tthc.hub.catalogue;

/**
 * One administrative procedure of the catalogue: the province-local code the province system uses
 * and the national code (d.dddddd) the portal and ministries expect.
 */
public record Procedure(String localCode, String nationalCode, String name, String sectorCode, String sectorName) {
}
