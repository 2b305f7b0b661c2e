package org.catalogimport.platform.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A user of the console, the API or the exchange: a name, a PBKDF2 password hash, roles, enabled or not. */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** A disabled user cannot sign in anywhere; users are disabled, never deleted (the history keeps their names). */
    @Column(nullable = false)
    private boolean enabled = true;

    /** Bumped by every change of password, roles or enabled flag: a session signed in with an older value ends. */
    @Column(name = "session_epoch", nullable = false)
    private int sessionEpoch;

    @Column(name = "changed_at")
    private Instant changedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role", nullable = false, length = 50)
    private Set<String> roles = new HashSet<>();

    protected AppUser() {
        // for JPA
    }

    public AppUser(String username, String passwordHash, Set<String> roles, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = new HashSet<>(roles);
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Set<String> getRoles() {
        return Set.copyOf(roles);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getSessionEpoch() {
        return sessionEpoch;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** A new password hash; other sessions of this user end. */
    void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        changed(now);
    }

    void changeRoles(Set<String> newRoles, Instant now) {
        this.roles.clear();
        this.roles.addAll(newRoles);
        changed(now);
    }

    void enable(boolean enable, Instant now) {
        this.enabled = enable;
        changed(now);
    }

    private void changed(Instant now) {
        this.changedAt = now;
        this.sessionEpoch++;
    }
}
